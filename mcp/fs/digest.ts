import { createHash } from "node:crypto";

/** sha256 of text (as UTF-8) or bytes, in hex: how previews pin the content they were made from. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
