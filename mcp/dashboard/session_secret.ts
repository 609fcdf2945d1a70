/**
 * The dashboard's session secret: 32 random bytes created once in the data dir (0600), so sessions survive a
 * restart. Deleting the file (or changing the API key) ends every session.
 */
import { Buffer } from "node:buffer";
import { loadOrCreateSecretFile } from "../core/secret_file.ts";

export const SESSION_SECRET_FILE = "dashboard-session-secret";

export async function loadOrCreateSessionSecret(dataDir: string): Promise<Uint8Array> {
  const { text } = await loadOrCreateSecretFile(`${dataDir}/${SESSION_SECRET_FILE}`, {
    generate: () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"),
    accept: (t) => Buffer.from(t, "base64url").length >= 32,
  });
  return new Uint8Array(Buffer.from(text, "base64url"));
}
