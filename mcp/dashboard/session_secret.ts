/**
 * The dashboard's session secret: 32 random bytes created once in the data dir (0600), so sessions survive a
 * restart. Deleting the file (or changing the API key) ends every session.
 */
import { Buffer } from "node:buffer";

export const SESSION_SECRET_FILE = "dashboard-session-secret";

export async function loadOrCreateSessionSecret(dataDir: string): Promise<Uint8Array> {
  const path = `${dataDir}/${SESSION_SECRET_FILE}`;
  try {
    const bytes = Buffer.from((await Deno.readTextFile(path)).trim(), "base64url");
    if (bytes.length >= 32) return new Uint8Array(bytes);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  await Deno.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const tmp = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  await Deno.writeTextFile(tmp, `${Buffer.from(secret).toString("base64url")}\n`, {
    mode: 0o600,
    createNew: true,
  });
  await Deno.chmod(tmp, 0o600);
  await Deno.rename(tmp, path);
  return secret;
}
