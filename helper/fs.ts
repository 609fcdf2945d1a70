/** The file system calls the helper makes, injectable so tests can wrap or fault them; `Deno` itself fits. */
export type HelperFs = Pick<
  typeof Deno,
  "lstat" | "realPath" | "open" | "writeTextFile" | "rename" | "mkdir" | "readDir" | "remove" | "makeTempDir"
>;

export const denoFs: HelperFs = Deno;

/** Stat of a path without following a final symlink; null when nothing is there. */
export async function lstatOrNull(fs: HelperFs, path: string): Promise<Deno.FileInfo | null> {
  try {
    return await fs.lstat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/**
 * Reads a regular file, refusing symlinks and anything swapped in between the check and the open
 * (Deno's open follows symlinks and has no O_NOFOLLOW, so the opened file's inode must match the lstat).
 */
export async function readRegularFile(fs: HelperFs, path: string, maxBytes: number): Promise<string> {
  const before = await fs.lstat(path);
  if (!before.isFile || before.isSymlink) throw new Error(`"${path}" is not a regular file`);
  const file = await fs.open(path, { read: true });
  try {
    const after = await file.stat();
    if (after.ino !== before.ino || after.dev !== before.dev) {
      throw new Error(`"${path}" changed while opening`);
    }
    if (after.size > maxBytes) throw new Error(`"${path}" is ${after.size} bytes, more than ${maxBytes}`);
    const buf = new Uint8Array(after.size);
    let at = 0;
    while (at < buf.length) {
      const n = await file.read(buf.subarray(at));
      if (n === null) break;
      at += n;
    }
    return new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(0, at));
  } finally {
    file.close();
  }
}
