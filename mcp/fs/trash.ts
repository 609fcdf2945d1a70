/** Deleting into `<root>/.arr-mcp-trash/<stamp>/<path in root>`: checked like a write, then a same-filesystem rename. */
import { dirname } from "node:path";
import { FsError, ioReason } from "./fs_error.ts";
import { isKeepArea, KEEP_LIMITS, keepStamp, TRASH_DIR, trashPathFor } from "./keep_dirs.ts";
import type { LayerContext } from "./layer_context.ts";
import { makeDirs } from "./make_dirs.ts";
import { assertOwnedBy } from "./ownership.ts";
import type { TrashGuard, TrashPlan } from "./port.ts";
import { pruneStampFolders } from "./prune.ts";
import { resolvePath, type ScopeRoot } from "./scope.ts";

/** A directory is deleted only when all of its entries (up to this many) are owned by the server. */
export const MAX_DELETE_ENTRIES = 10_000;

async function checkTree(ctx: LayerContext, dir: string, input: string, guard: TrashGuard | undefined) {
  let entries = 0;
  let bytes = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for await (const e of ctx.sys.readDir(current)) {
      if (++entries > MAX_DELETE_ENTRIES) {
        throw new FsError(
          "too_large",
          `Cannot delete "${input}": more than ${MAX_DELETE_ENTRIES} entries; delete parts of it`,
        );
      }
      const full = `${current}/${e.name}`;
      const info = await ctx.sys.lstat(full);
      const refusal = guard?.(full, info, false) ?? null;
      if (refusal !== null) throw new FsError("protected", `Cannot delete "${input}": ${refusal}`);
      assertOwnedBy(full, info.uid, ctx.uid, `delete "${input}" because of`);
      bytes += info.size;
      if (info.isDirectory) stack.push(full);
    }
  }
  return { entries, bytes };
}

/** Everything `trash` checks, changing nothing: the entry (not followed), its owner, and a directory's tree. */
export async function planTrash(
  ctx: LayerContext,
  input: string,
  roots: readonly ScopeRoot[],
  guard?: TrashGuard,
): Promise<TrashPlan> {
  const at = await resolvePath(ctx.sys, input, roots, { entry: true });
  if (at.info === null) throw new FsError("not_found", `Cannot delete "${input}": no such file or directory`);
  if (isKeepArea(at.relative)) {
    throw new FsError(
      "protected",
      `Cannot delete "${input}": it is in the tools' backup or trash area (empty it by hand)`,
    );
  }
  const refusal = guard?.(at.path, at.info, true) ?? null;
  if (refusal !== null) throw new FsError("protected", `Cannot delete "${input}": ${refusal}`);
  assertOwnedBy(input, at.info.uid, ctx.uid, "delete");
  const tree = at.info.isDirectory
    ? await checkTree(ctx, at.path, input, guard)
    : { entries: 0, bytes: at.info.size };
  return { located: at, ...tree };
}

function crossesDevices(e: unknown): boolean {
  return (e as { code?: string }).code === "EXDEV" || /cross-device/i.test((e as Error).message);
}

/** Moves the entry into its root's trash and prunes the trash; returns where it went. */
export async function trashEntry(
  ctx: LayerContext,
  input: string,
  roots: readonly ScopeRoot[],
  guard?: TrashGuard,
): Promise<string> {
  const { located: at } = await planTrash(ctx, input, roots, guard);
  const trash = `${at.root.path}/${TRASH_DIR}`;
  const target = trashPathFor(at.root.path, at.relative, keepStamp(ctx.clock.now()));
  await makeDirs(ctx, dirname(target), [at.root], { mode: 0o700 });
  try {
    await ctx.sys.rename(at.path, target);
  } catch (e) {
    if (crossesDevices(e)) {
      throw new FsError(
        "conflict",
        `Cannot delete "${at.path}": it is on another filesystem than the trash in ${at.root.path}`,
      );
    }
    throw new FsError("io", `Cannot delete "${input}": ${ioReason(e)}`);
  }
  await pruneStampFolders(ctx, trash, KEEP_LIMITS.trashEntries);
  return target;
}
