import { FsError } from "./fs_error.ts";
import { isKeepArea } from "./keep_dirs.ts";
import type { LayerContext } from "./layer_context.ts";
import { assertOwnedBy } from "./ownership.ts";
import { resolvePath, type ScopeRoot } from "./scope.ts";

/** Deletes a regular file the server owns, keeping no copy: for files the tools regenerate (staged units). */
export async function removeFile(
  ctx: LayerContext,
  input: string,
  roots: readonly ScopeRoot[],
): Promise<void> {
  const at = await resolvePath(ctx.sys, input, roots);
  if (isKeepArea(at.relative)) {
    throw new FsError("protected", `Cannot delete "${input}": it is in the tools' backup or trash area`);
  }
  if (!at.info?.isFile) throw new FsError("invalid_path", `Cannot delete "${input}": not a regular file`);
  assertOwnedBy(input, at.info.uid, ctx.uid, "delete");
  await ctx.sys.remove(at.path);
}
