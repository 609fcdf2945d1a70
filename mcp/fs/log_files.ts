/** Names that look like plain-text logs, rotated ones included (`sonarr.txt`, `app.log.1`, `sabnzbd.log`). */
const LOG_NAME = /\.(log|txt|out|err)(\.\d+)?$|^[^.]*log[^.]*$/i;
/** Compressed or binary rotations are skipped rather than decoded. */
const SKIP_NAME = /\.(gz|bz2|xz|zst|zip|7z|db|sqlite\d?|db-wal|db-shm)$/i;

export function isLogFileName(name: string): boolean {
  return LOG_NAME.test(name) && !SKIP_NAME.test(name);
}

export interface LogFile {
  path: string;
  size: number;
  modified: string | null;
}

/**
 * Log files below `dir` (symlinks not followed), newest first; the walk stops after `maxEntries` entries.
 * `path` is a real path only when `dir` is.
 */
export async function findLogFiles(
  dir: string,
  options: { maxEntries: number; maxDepth: number },
): Promise<{ files: LogFile[]; complete: boolean }> {
  const files: LogFile[] = [];
  let visited = 0;
  let complete = true;
  const stack: Array<{ dir: string; depth: number }> = [{ dir, depth: 0 }];
  outer: while (stack.length > 0) {
    const item = stack.pop()!;
    try {
      for await (const e of Deno.readDir(item.dir)) {
        if (++visited > options.maxEntries) {
          complete = false;
          break outer;
        }
        const full = `${item.dir}/${e.name}`;
        if (e.isDirectory) {
          if (item.depth + 1 < options.maxDepth) stack.push({ dir: full, depth: item.depth + 1 });
          else complete = false;
        } else if (e.isFile && isLogFileName(e.name)) {
          const info = await Deno.lstat(full).catch(() => null);
          if (info) files.push({ path: full, size: info.size, modified: info.mtime?.toISOString() ?? null });
        }
      }
    } catch {
      // An unreadable directory holds nothing we can search.
    }
  }
  files.sort((a, b) => (b.modified ?? "").localeCompare(a.modified ?? ""));
  return { files, complete };
}
