import { basename, dirname } from "node:path";

/** The calls the writer makes; `Deno` itself fits, and tests can fault them (a full disk midway). */
export type AtomicWriteFs = Pick<typeof Deno, "lstat" | "open" | "chmod" | "rename" | "remove">;

/** The writer's temp files, `.<name>.arr-mcp-<8 hex>.tmp`: what a startup sweep may remove, and nothing else. */
export const TEMP_NAME_PATTERN = /^\..+\.arr-mcp-[0-9a-f]{8}\.tmp$/;

export function tempPathFor(path: string, suffix = crypto.randomUUID().slice(0, 8)): string {
  return `${dirname(path)}/.${basename(path)}.arr-mcp-${suffix}.tmp`;
}

/** The mode a write keeps: the existing regular file's, else `fallback`. Refuses to write over a symlink. */
async function modeToKeep(fs: AtomicWriteFs, path: string, fallback: number): Promise<number> {
  let info: Deno.FileInfo;
  try {
    info = await fs.lstat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return fallback;
    throw e;
  }
  if (info.isSymlink) throw new Error(`Cannot write "${path}": it is a symbolic link`);
  if (!info.isFile) throw new Error(`Cannot write "${path}": not a regular file`);
  return info.mode ?? fallback;
}

/**
 * Writes `data` to `path` atomically: a temp file in the same directory (so the rename cannot cross
 * filesystems), flushed to disk, then renamed over the target. Readers see the old or the new content, never a
 * mix. The new file gets `mode`, else the old file's mode, else 0644. A symlink at `path` is refused: nothing
 * is written through it and it never becomes a 0777 file. A failure removes the temp file and leaves the old
 * file as it was.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array,
  options: { mode?: number; fs?: AtomicWriteFs } = {},
): Promise<void> {
  const fs = options.fs ?? Deno;
  const kept = await modeToKeep(fs, path, 0o644);
  const finalMode = (options.mode ?? kept) & 0o7777;
  const tmp = tempPathFor(path);
  try {
    {
      using file = await fs.open(tmp, { write: true, createNew: true, mode: 0o600 });
      let written = 0;
      while (written < data.length) written += await file.write(data.subarray(written));
      await file.syncData();
    }
    await fs.chmod(tmp, finalMode);
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.remove(tmp).catch(() => {});
    throw e;
  }
}
