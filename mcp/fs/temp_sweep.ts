/**
 * Temp files a killed write left behind (`.<name>.arr-mcp-<hex>.tmp`) are removed at the next start. The layer
 * notes each folder in a journal (one path a line, in the data dir) before it first makes a temp file there, so
 * the sweep looks exactly where it wrote and matches only its own temp-name pattern.
 */
import { TEMP_NAME_PATTERN } from "../../shared/atomic_write.ts";
import type { HostFs } from "./host_fs.ts";
import type { LayerContext } from "./layer_context.ts";
import { openRegularFile, readAll } from "./read_handle.ts";
import { resolvePath, type ScopeRoot } from "./scope.ts";

const MAX_JOURNAL_BYTES = 1024 * 1024;

export interface TempJournal {
  note(dir: string): Promise<void>;
  folders(): Promise<string[]>;
  clear(): Promise<void>;
}

/** The journal at `path`; null keeps none (nothing to sweep). */
export function tempJournal(sys: HostFs, path: string | null): TempJournal {
  const noted = new Set<string>();
  return {
    async note(dir) {
      if (path === null || noted.has(dir)) return;
      noted.add(dir);
      try {
        using file = await sys.open(path, { append: true, create: true, mode: 0o600 });
        await file.write(new TextEncoder().encode(`${dir}\n`));
      } catch {
        noted.delete(dir); // the write goes on; the next one tries to note the folder again
      }
    },
    async folders() {
      if (path === null) return [];
      try {
        using handle = await openRegularFile(sys, path, await sys.lstat(path));
        const text = new TextDecoder().decode(await readAll(handle, MAX_JOURNAL_BYTES));
        return [...new Set(text.split("\n").filter((line) => line.startsWith("/")))];
      } catch {
        return [];
      }
    },
    async clear() {
      noted.clear();
      if (path !== null) await sys.remove(path).catch(() => {});
    },
  };
}

/** Removes the temp files the server owns in the journal's folders that still lie inside `roots`. */
export async function sweepTemps(
  ctx: LayerContext,
  journal: TempJournal,
  roots: readonly ScopeRoot[],
): Promise<string[]> {
  const removed: string[] = [];
  for (const folder of await journal.folders()) {
    const at = await resolvePath(ctx.sys, folder, roots).catch(() => null);
    if (!at?.info?.isDirectory) continue;
    for await (const e of ctx.sys.readDir(at.path)) {
      if (!TEMP_NAME_PATTERN.test(e.name)) continue;
      const path = `${at.path}/${e.name}`;
      const info = await ctx.sys.lstat(path).catch(() => null);
      if (!info?.isFile || info.uid !== ctx.uid) continue;
      await ctx.sys.remove(path).then(() => removed.push(path), () => {});
    }
  }
  await journal.clear();
  return removed;
}
