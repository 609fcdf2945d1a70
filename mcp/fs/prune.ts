/** Pruning a folder of kept copies (backups, trash, rollback copies) by KEEP_LIMITS. */
import { expiredKeeps, KEEP_LIMITS, stampTime } from "./keep_dirs.ts";
import type { LayerContext } from "./layer_context.ts";

/**
 * Removes the entries of `dir` that `expiredKeeps` picks: beyond the newest `keep`, or older than
 * KEEP_LIMITS.maxAgeMs. `timeOf` dates an entry (its lstat given); null means it is not a kept copy and stays.
 * Only entries the server owns are considered. Returns the names removed.
 */
export async function pruneKept(
  ctx: LayerContext,
  dir: string,
  timeOf: (name: string, info: Deno.FileInfo) => number | null,
  keep: number,
): Promise<string[]> {
  const entries: { name: string; time: number | null }[] = [];
  for await (const e of ctx.sys.readDir(dir)) {
    const info = await ctx.sys.lstat(`${dir}/${e.name}`).catch(() => null);
    if (info === null || info.isSymlink || info.uid !== ctx.uid) continue;
    entries.push({ name: e.name, time: timeOf(e.name, info) });
  }
  const gone = expiredKeeps(entries, ctx.clock.now(), { keep, maxAgeMs: KEEP_LIMITS.maxAgeMs });
  const removed: string[] = [];
  for (const name of gone) {
    // Best effort: a copy that cannot be removed now is tried again at the next prune.
    await ctx.sys.remove(`${dir}/${name}`, { recursive: true }).then(() => removed.push(name), () => {});
  }
  return removed;
}

/** pruneKept for a folder of `<stamp>/` folders (the trash, rollback copies). */
export function pruneStampFolders(ctx: LayerContext, dir: string, keep: number): Promise<string[]> {
  return pruneKept(ctx, dir, (name, info) => info.isDirectory ? stampTime(name) : null, keep);
}
