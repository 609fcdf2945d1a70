/** The real file layer behind `ToolDeps.fs` (port.ts): the rules live in the files it delegates to. */
import { keepCopies } from "./backups.ts";
import { checkWritable, writeChecked } from "./checked_write.ts";
import { FsError } from "./fs_error.ts";
import type { HostFs } from "./host_fs.ts";
import { isKeepArea } from "./keep_dirs.ts";
import type { LayerContext } from "./layer_context.ts";
import { readFolder } from "./list_dir.ts";
import { makeDirs } from "./make_dirs.ts";
import type { FsPort } from "./port.ts";
import { openRegularFile } from "./read_handle.ts";
import { removeFile } from "./remove_file.ts";
import { resolvePath } from "./scope.ts";
import { sweepTemps, tempJournal } from "./temp_sweep.ts";
import { planTrash, trashEntry } from "./trash.ts";

export interface FileLayerOptions {
  /** The system calls. @default Deno */
  sys?: HostFs;
  /** Only files this uid owns are changed. */
  uid: number;
  /** Dates backups, trash and rollback copies, and decides their age. */
  clock: { now(): number };
  /** Journal of the folders holding temp files, for the startup sweep (temp_sweep.ts). @default null: none */
  journal?: string | null;
}

export function createFileLayer(options: FileLayerOptions): FsPort {
  const sys = options.sys ?? Deno;
  const journal = tempJournal(sys, options.journal ?? null);
  const ctx: LayerContext = {
    sys,
    uid: options.uid,
    clock: options.clock,
    noteTempDir: (dir) => journal.note(dir),
  };
  return {
    uid: options.uid,
    resolve: (path, roots, opts) => resolvePath(sys, path, roots, opts),
    async open(path, roots) {
      const at = await resolvePath(sys, path, roots);
      return await openRegularFile(sys, at.path, at.info as Deno.FileInfo, path);
    },
    async list(path, roots) {
      const at = await resolvePath(sys, path, roots);
      if (!at.info?.isDirectory) throw new FsError("invalid_path", `Cannot list "${path}": not a directory`);
      return await readFolder(sys, at.path);
    },
    writable: (path, roots) => checkWritable(ctx, path, roots),
    write: (path, roots, data, opts) => writeChecked(ctx, path, roots, data, opts),
    async makeDir(path, roots, opts) {
      await makeDirs(ctx, path, roots, { mode: opts?.private ? 0o700 : 0o755, refuse: isKeepArea });
    },
    trashable: (path, roots, guard) => planTrash(ctx, path, roots, guard),
    trash: (path, roots, guard) => trashEntry(ctx, path, roots, guard),
    remove: (path, roots) => removeFile(ctx, path, roots),
    keepCopies: (dir, roots, files) => keepCopies(ctx, dir, roots, files),
    sweep: (roots) => sweepTemps(ctx, journal, roots),
  };
}
