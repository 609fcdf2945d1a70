/**
 * The dashboard's session secret: 32 random bytes created once in the data dir (0600), so sessions survive a
 * restart. Deleting the file (or changing the API key) ends every session.
 */
import { decodeBase64Url, encodeBase64Url } from "../../shared/encoding.ts";
import { loadOrCreateSecretFile } from "../core/secret_file.ts";

export const SESSION_SECRET_FILE = "dashboard-session-secret";

export async function loadOrCreateSessionSecret(dataDir: string): Promise<Uint8Array> {
  const { text } = await loadOrCreateSecretFile(`${dataDir}/${SESSION_SECRET_FILE}`, {
    generate: () => encodeBase64Url(crypto.getRandomValues(new Uint8Array(32))),
    accept: (t) => decodedLength(t) >= 32,
  });
  return decodeBase64Url(text);
}

/** How many bytes `text` decodes to; 0 when it is not base64url (the file is then replaced). */
function decodedLength(text: string): number {
  try {
    return decodeBase64Url(text).length;
  } catch {
    return 0;
  }
}
