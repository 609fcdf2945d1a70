import { statfs } from "node:fs/promises";

export interface FilesystemUsage {
  totalBytes: number;
  usedBytes: number;
  /** Free for unprivileged users (what `df` calls Available). */
  availableBytes: number;
  /** Percentage as `df` computes it: used / (used + available). */
  usedPercent: number;
}

/** Capacity of the filesystem holding `path` (statfs(2), via node:fs, which Deno implements). */
export async function filesystemUsage(path: string): Promise<FilesystemUsage> {
  const s = await statfs(path);
  const usedBytes = (s.blocks - s.bfree) * s.bsize;
  const availableBytes = s.bavail * s.bsize;
  const denom = usedBytes + availableBytes;
  return {
    totalBytes: s.blocks * s.bsize,
    usedBytes,
    availableBytes,
    usedPercent: denom === 0 ? 0 : Math.round((usedBytes / denom) * 1000) / 10,
  };
}

export interface ChildUsage {
  name: string;
  type: "file" | "directory" | "symlink" | "other";
  /** Allocated bytes (st_blocks × 512, like `du`). */
  bytes: number;
  files: number;
}

export interface DirectoryUsage {
  children: ChildUsage[];
  totalBytes: number;
  entriesVisited: number;
  /** False when a limit stopped the walk: the sizes are then lower bounds. */
  complete: boolean;
  /** Directories that could not be read (permission), at most 20. */
  unreadable: string[];
}

const YIELD_EVERY = 500;

function allocated(info: Deno.FileInfo): number {
  return info.blocks !== null ? info.blocks * 512 : info.size;
}

/**
 * Sizes of the immediate children of `path`, walking below each without following symlinks or crossing into
 * other filesystems (like `du -x`), visiting at most `maxEntries` entries and `maxDepth` levels.
 */
export async function directoryUsage(
  path: string,
  options: { maxEntries: number; maxDepth: number },
): Promise<DirectoryUsage> {
  const top = await Deno.lstat(path);
  const children = new Map<string, ChildUsage>();
  const unreadable: string[] = [];
  let visited = 0;
  let complete = true;
  // Each stack item: directory path, depth, and the top-level child it counts towards.
  const stack: Array<{ dir: string; depth: number; owner: string | null }> = [{
    dir: path,
    depth: 0,
    owner: null,
  }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    let iter: Iterable<Deno.DirEntry>;
    try {
      iter = Deno.readDirSync(item.dir);
    } catch {
      if (unreadable.length < 20) unreadable.push(item.dir);
      continue;
    }
    try {
      for (const entry of iter) {
        if (visited >= options.maxEntries) {
          complete = false;
          break;
        }
        visited++;
        const full = `${item.dir}/${entry.name}`;
        // Sync lstat is several times faster than the async one for many small calls; yielding every
        // YIELD_EVERY entries keeps the server answering other requests during a long walk.
        if (visited % YIELD_EVERY === 0) await new Promise((r) => setTimeout(r, 0));
        let info: Deno.FileInfo;
        try {
          info = Deno.lstatSync(full);
        } catch {
          continue;
        }
        const owner = item.owner ?? entry.name;
        let child = children.get(owner);
        if (!child) {
          const type = info.isSymlink
            ? "symlink"
            : info.isDirectory
            ? "directory"
            : info.isFile
            ? "file"
            : "other";
          child = { name: owner, type, bytes: 0, files: 0 };
          children.set(owner, child);
        }
        child.bytes += allocated(info);
        if (info.isFile) child.files++;
        if (info.isDirectory && info.dev === top.dev) {
          if (item.depth + 1 < options.maxDepth) stack.push({ dir: full, depth: item.depth + 1, owner });
          else complete = false;
        }
      }
    } catch {
      if (unreadable.length < 20) unreadable.push(item.dir);
    }
    if (visited >= options.maxEntries) {
      complete = false;
      break;
    }
  }
  const list = [...children.values()].sort((a, b) => b.bytes - a.bytes);
  return {
    children: list,
    totalBytes: list.reduce((sum, c) => sum + c.bytes, 0),
    entriesVisited: visited,
    complete,
    unreadable,
  };
}
