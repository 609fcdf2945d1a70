/**
 * A random secret kept in a 0600 file in the data dir, created once and reused: the API key, the dashboard's
 * session secret and the credentials secret. The new file is written to a temp file, fsynced, and hard-linked
 * into place. The link fails with AlreadyExists when another process won, and then everyone reads the winner's
 * secret, so concurrent first starts agree on one secret and nobody prints one that is then overwritten.
 */
import { dirname } from "node:path";

export interface SecretFileOptions {
  /** A fresh secret (text, no newline). */
  generate: () => string;
  /** Whether existing file content (trimmed) is usable; an unusable file is replaced. */
  accept: (text: string) => boolean;
}

export async function loadOrCreateSecretFile(
  path: string,
  options: SecretFileOptions,
): Promise<{ text: string; created: boolean }> {
  const existing = await readTrimmed(path);
  if (existing !== undefined && options.accept(existing)) return { text: existing, created: false };
  await Deno.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const text = options.generate();
  const temp = `${path}.tmp-${crypto.randomUUID()}`;
  try {
    {
      using file = await Deno.open(temp, { write: true, createNew: true, mode: 0o600 });
      await Deno.chmod(temp, 0o600); // the creation mode is filtered by the umask
      const bytes = new TextEncoder().encode(`${text}\n`);
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
      await file.sync();
    }
    if (existing !== undefined) {
      await Deno.rename(temp, path); // replacing a file that was unusable
      return { text, created: true };
    }
    await Deno.link(temp, path);
    return { text, created: true };
  } catch (e) {
    if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
    const theirs = await readTrimmed(path);
    if (theirs === undefined || !options.accept(theirs)) {
      throw new Error(`Cannot use secret file "${path}": another process created it with unusable content`);
    }
    return { text: theirs, created: false };
  } finally {
    await Deno.remove(temp).catch(() => {});
  }
}

async function readTrimmed(path: string): Promise<string | undefined> {
  try {
    return (await Deno.readTextFile(path)).trim();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}
