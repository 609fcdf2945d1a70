/**
 * Replacing or creating a user's file: checked first (scope, no symlink, not the keep areas, owned by the
 * server), then written atomically with the original's mode, after keeping a backup when asked.
 */
import { dirname } from "node:path";
import { TEMP_NAME_PATTERN, writeFileAtomic } from "../../shared/atomic_write.ts";
import { sha256Hex } from "../../shared/encoding.ts";
import { FsError, ioReason } from "./fs_error.ts";
import { keepBackup } from "./backups.ts";
import { isKeepArea } from "./keep_dirs.ts";
import type { LayerContext } from "./layer_context.ts";
import { newFileMode } from "./new_file_mode.ts";
import { assertOwnedBy } from "./ownership.ts";
import type { Located, WriteOptions, Written } from "./port.ts";
import { openRegularFile, readAll } from "./read_handle.ts";
import { resolvePath, type ScopeRoot } from "./scope.ts";

/** Largest file whose previous content is read to back it up or compare it with a preview. */
export const MAX_REPLACED_BYTES = 64 * 1024 * 1024;

/** Everything `write` checks before it changes anything. */
export async function checkWritable(
  ctx: LayerContext,
  input: string,
  roots: readonly ScopeRoot[],
): Promise<Located> {
  const at = await resolvePath(ctx.sys, input, roots, { entry: true });
  if (isKeepArea(at.relative)) {
    throw new FsError("protected", `Cannot write "${input}": it is in the tools' backup or trash area`);
  }
  if (at.info === null) {
    const parent = await ctx.sys.lstat(dirname(at.path));
    assertOwnedBy(dirname(at.path), parent.uid, ctx.uid, "create a file in");
    return at;
  }
  if (at.info.isSymlink) {
    throw new FsError(
      "invalid_path",
      `Cannot write "${input}": it is a symbolic link; write to the path it points to`,
    );
  }
  if (!at.info.isFile) throw new FsError("invalid_path", `Cannot write "${input}": not a regular file`);
  assertOwnedBy(input, at.info.uid, ctx.uid, "overwrite");
  return at;
}

/** Modes of the regular files in `dir` (at most the first 1000 entries; the layer's temp files left out). */
async function siblingModes(ctx: LayerContext, dir: string): Promise<number[]> {
  const modes: number[] = [];
  let seen = 0;
  for await (const e of ctx.sys.readDir(dir)) {
    if (++seen > 1000) break;
    if (!e.isFile || TEMP_NAME_PATTERN.test(e.name)) continue;
    const info = await ctx.sys.lstat(`${dir}/${e.name}`).catch(() => null);
    if (info?.isFile) modes.push(info.mode ?? 0o644);
  }
  return modes;
}

async function currentBytes(ctx: LayerContext, at: Located, input: string): Promise<Uint8Array> {
  using handle = await openRegularFile(ctx.sys, at.path, at.info as Deno.FileInfo, input);
  return await readAll(handle, MAX_REPLACED_BYTES, input);
}

function assertExpected(input: string, expected: string | null, current: string | null): void {
  if (current === expected) return;
  throw expected === null
    ? new FsError("conflict", `Cannot create "${input}": it appeared in the meantime; ask for a new preview`)
    : new FsError("conflict", `Cannot write "${input}": it changed since the preview; ask for a new preview`);
}

export async function writeChecked(
  ctx: LayerContext,
  input: string,
  roots: readonly ScopeRoot[],
  data: Uint8Array,
  options: WriteOptions = {},
): Promise<Written> {
  const at = await checkWritable(ctx, input, roots);
  const wantOld = at.exists && (options.backup === true || options.expectSha256 !== undefined);
  const old = wantOld ? await currentBytes(ctx, at, input) : null;
  if (options.expectSha256 !== undefined) assertExpected(input, options.expectSha256, old && sha256Hex(old));
  const kept = at.info === null ? null : (at.info.mode ?? 0o644) & 0o7777;
  const mode = options.mode ?? kept ?? newFileMode(await siblingModes(ctx, dirname(at.path)));
  const backup = options.backup && old !== null ? await keepBackup(ctx, at, old, kept ?? mode) : null;
  await ctx.noteTempDir(dirname(at.path));
  try {
    await writeFileAtomic(at.path, data, { mode, fs: ctx.sys });
  } catch (e) {
    const after = at.exists ? "the file is unchanged" : "no file was created";
    throw new FsError("io", `Cannot write "${input}": ${ioReason(e)}; ${after}`);
  }
  return { path: at.path, created: !at.exists, backup };
}
