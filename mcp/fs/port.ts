/**
 * The file layer's port (`ToolDeps.fs`): every read and write of a user's files goes through it. Each call
 * takes the roots it may reach, so one layer serves the file tools (stacks, media, log dirs) and the stack and
 * conversion tools (the stacks dir). The rules, in this order: scope check, real path inside the roots, no
 * symlink anywhere below the root, ownership before any change, atomic writes that keep the file's mode,
 * backups and trash pruned by KEEP_LIMITS. Built by `createFileLayer` (file_layer.ts).
 */
import type { ScopeRoot } from "./scope.ts";

/** A checked path: `path` is real (no symlink below the root); `info` is its lstat, null when it is missing. */
export interface Located {
  path: string;
  root: ScopeRoot;
  /** Path relative to the root's real path; "" for the root itself. */
  relative: string;
  exists: boolean;
  info: Deno.FileInfo | null;
}

/** An open regular file, the very one `resolve` saw (same device and inode). */
export interface ReadHandle extends Disposable {
  readonly path: string;
  readonly size: number;
  /** Up to `length` bytes from `position` (fewer at the end of the file). */
  read(position: number, length: number): Promise<Uint8Array>;
}

export interface FolderEntry {
  name: string;
  /** lstat: a symlink is described, never followed. */
  info: Deno.FileInfo;
}

export interface WriteOptions {
  /** Keep the replaced version under `<root>/.arr-mcp-backups/`. @default false */
  backup?: boolean;
  /** The file's mode. @default the replaced file's; for a new file 0600 in a folder of private files, else 0644 */
  mode?: number;
  /** The sha256 the current content must have (null: the file must not exist); anything else is a conflict. */
  expectSha256?: string | null;
}

export interface Written {
  path: string;
  created: boolean;
  /** Where the replaced version was kept, or null. */
  backup: string | null;
}

export interface TrashPlan {
  located: Located;
  /** Entries below a directory (0 for a file or link) and their apparent bytes. */
  entries: number;
  bytes: number;
}

/** Refuses an entry about to be trashed (`top`: the entry itself, else one inside it): the reason, or null. */
export type TrashGuard = (path: string, info: Deno.FileInfo, top: boolean) => string | null;

export interface FsPort {
  /** The uid whose files may be changed. */
  readonly uid: number;
  /** Checks a path and says what is there. `entry`: the last name is not followed (a final symlink is allowed). */
  resolve(path: string, roots: readonly ScopeRoot[], options?: { entry?: boolean }): Promise<Located>;
  /** Opens a regular file for reading. */
  open(path: string, roots: readonly ScopeRoot[]): Promise<ReadHandle>;
  /** The entries of a directory, not followed. */
  list(path: string, roots: readonly ScopeRoot[]): Promise<FolderEntry[]>;
  /** Checks, changing nothing, that `write` may create or replace this file. */
  writable(path: string, roots: readonly ScopeRoot[]): Promise<Located>;
  /** Writes a file atomically (see WriteOptions). */
  write(
    path: string,
    roots: readonly ScopeRoot[],
    data: Uint8Array,
    options?: WriteOptions,
  ): Promise<Written>;
  /** Creates a directory and its missing parents below a root; `private`: mode 0700. */
  makeDir(path: string, roots: readonly ScopeRoot[], options?: { private?: boolean }): Promise<void>;
  /** Checks, changing nothing, that `trash` may move this entry (everything in it owned, none refused). */
  trashable(path: string, roots: readonly ScopeRoot[], guard?: TrashGuard): Promise<TrashPlan>;
  /** Moves an entry to `<root>/.arr-mcp-trash/<stamp>/<path in root>`; returns where it went. */
  trash(path: string, roots: readonly ScopeRoot[], guard?: TrashGuard): Promise<string>;
  /** Deletes a regular file the server owns, keeping no copy (for regenerated files such as staged units). */
  remove(path: string, roots: readonly ScopeRoot[]): Promise<void>;
  /** Writes copies (mode 0600) into a new private `<dir>/<stamp>/`, pruning older stamps; returns that folder. */
  keepCopies(
    dir: string,
    roots: readonly ScopeRoot[],
    files: ReadonlyMap<string, Uint8Array>,
  ): Promise<string>;
  /** Removes the layer's temp files left by a write that was killed (at startup); returns what it removed. */
  sweep(roots: readonly ScopeRoot[]): Promise<string[]>;
}
