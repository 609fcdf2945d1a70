/** Copies the layer keeps before it replaces something: a file's previous version, quadlet rollback copies. */
import { basename, dirname } from "node:path";
import { writeFileAtomic } from "../../shared/atomic_write.ts";
import { FsError } from "./fs_error.ts";
import { BACKUP_DIR, backupPathFor, KEEP_LIMITS, keepStamp, stampAfter } from "./keep_dirs.ts";
import type { LayerContext } from "./layer_context.ts";
import { makeDirs } from "./make_dirs.ts";
import { isPrivateMode } from "./new_file_mode.ts";
import type { Located } from "./port.ts";
import { pruneKept, pruneStampFolders } from "./prune.ts";
import type { ScopeRoot } from "./scope.ts";

/**
 * Writes `bytes` (the current content of `at`) to `<root>/.arr-mcp-backups/<path in root>.<stamp>` with the
 * original's `mode`, in 0700 folders (existing ones are tightened when the original is private), then prunes
 * that file's older backups. Returns the backup's path.
 */
export async function keepBackup(
  ctx: LayerContext,
  at: Located,
  bytes: Uint8Array,
  mode: number,
): Promise<string> {
  const path = backupPathFor(at.root.path, at.relative, keepStamp(ctx.clock.now()));
  const folder = dirname(path);
  await makeDirs(ctx, folder, [at.root], {
    mode: 0o700,
    ...(isPrivateMode(mode) ? { tightenFrom: `${at.root.path}/${BACKUP_DIR}` } : {}),
  });
  await ctx.noteTempDir(folder);
  await writeFileAtomic(path, bytes, { mode, fs: ctx.sys });
  const prefix = `${basename(at.relative)}.`;
  await pruneKept(
    ctx,
    folder,
    (name, info) => info.isFile ? stampAfter(name, prefix) : null,
    KEEP_LIMITS.backupsPerFile,
  );
  return path;
}

/** Writes `files` (0600) into a new 0700 `<dir>/<stamp>/` and prunes older stamp folders there. */
export async function keepCopies(
  ctx: LayerContext,
  dir: string,
  roots: readonly ScopeRoot[],
  files: ReadonlyMap<string, Uint8Array>,
): Promise<string> {
  for (const name of files.keys()) {
    if (name === "" || name.includes("/") || name.startsWith(".")) {
      throw new FsError("invalid_path", `Cannot keep a copy named "${name}": expected a plain file name`);
    }
  }
  const folder = await makeDirs(ctx, dir, roots, { mode: 0o700 });
  const stamped = await makeDirs(ctx, `${folder}/${keepStamp(ctx.clock.now())}`, roots, { mode: 0o700 });
  await ctx.noteTempDir(stamped);
  for (const [name, data] of files) {
    await writeFileAtomic(`${stamped}/${name}`, data, { mode: 0o600, fs: ctx.sys });
  }
  await pruneStampFolders(ctx, folder, KEEP_LIMITS.rollbacks);
  return stamped;
}
