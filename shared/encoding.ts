/** The digests and text encodings of bytes that both programs use, each defined once. */
import { createHash } from "node:crypto";

/** Lower-case hex SHA-256 of `data` (text is hashed as UTF-8). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** base64url without padding (RFC 4648 §5): tokens, nonces, cookie values. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

/** Throws a SyntaxError on a character outside the base64url alphabet; padding is optional. */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.fromBase64(text, { alphabet: "base64url" });
}

/** Standard base64 with padding (RFC 4648 §4): the credentials file's fields. */
export function encodeBase64(bytes: Uint8Array): string {
  return bytes.toBase64();
}

/** Throws a SyntaxError on a character outside the standard alphabet. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.fromBase64(text);
}
