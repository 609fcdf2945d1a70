/** Creating folders below a root: one level at a time, each checked, never through a symlink. */
import { dirname } from "node:path";
import { assertOwnedBy } from "./ownership.ts";
import { FsError } from "./fs_error.ts";
import type { LayerContext } from "./layer_context.ts";
import { isPrivateMode } from "./new_file_mode.ts";
import { resolvePath, type ScopeRoot } from "./scope.ts";
import { isWithin } from "./within.ts";

/** The nearest existing folder at or above `path`, checked, and the names missing below it. */
async function existingAncestor(ctx: LayerContext, path: string, roots: readonly ScopeRoot[]) {
  const missing: string[] = [];
  for (let at = path;; at = dirname(at)) {
    try {
      return { found: await resolvePath(ctx.sys, at, roots), missing };
    } catch (e) {
      if (!(e instanceof FsError && e.kind === "not_found") || at === "/") throw e;
      missing.unshift(at.slice(dirname(at).length).replace(/^\//, ""));
    }
  }
}

/**
 * Makes `path` and its missing parents with `mode`, each below a root and inside a folder the server owns.
 * `tightenFrom`: existing folders from there down that are open to group or others become 0700 (backup
 * folders of a private file). `refuse`: folders (by path in root) the caller may not make, e.g. the keep areas.
 */
export async function makeDirs(
  ctx: LayerContext,
  path: string,
  roots: readonly ScopeRoot[],
  options: { mode: number; tightenFrom?: string; refuse?: (relative: string) => boolean },
): Promise<string> {
  const { found, missing } = await existingAncestor(ctx, path, roots);
  if (options.refuse?.([found.relative, ...missing].filter((n) => n !== "").join("/"))) {
    throw new FsError(
      "protected",
      `Cannot create folder "${path}": it is in the tools' backup or trash area`,
    );
  }
  if (!found.info?.isDirectory) {
    throw new FsError("invalid_path", `Cannot create folder "${path}": "${found.path}" is not a directory`);
  }
  if (missing.length > 0) assertOwnedBy(found.path, found.info.uid, ctx.uid, "create a folder in");
  let at = found.path;
  if (options.tightenFrom !== undefined) await tighten(ctx, options.tightenFrom, at);
  for (const name of missing) {
    at = `${at}/${name}`;
    await ctx.sys.mkdir(at, { mode: options.mode });
    const made = await ctx.sys.lstat(at);
    if (made.isSymlink || !made.isDirectory) {
      throw new FsError("conflict", `Cannot create folder "${path}": "${at}" was replaced while it was made`);
    }
  }
  return at;
}

/** Folders from `from` down to `to` (both real, `from` at or above `to`) lose group and other access. */
async function tighten(ctx: LayerContext, from: string, to: string): Promise<void> {
  if (!isWithin(from, to)) return;
  const names = to.slice(from.length).split("/").filter((n) => n !== "");
  let at = from;
  for (const name of ["", ...names]) {
    if (name !== "") at = `${at}/${name}`;
    const info = await ctx.sys.lstat(at);
    if (info.isDirectory && !info.isSymlink && info.uid === ctx.uid && !isPrivateMode(info.mode ?? 0)) {
      await ctx.sys.chmod(at, 0o700);
    }
  }
}
