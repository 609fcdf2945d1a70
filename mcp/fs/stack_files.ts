/**
 * The stacks dir through the file layer: `<stacksDir>/<stack>/<compose file>`, the file chosen as arr-helper
 * and podman-compose choose it (shared/names.ts). A symlinked stack folder or compose file is refused, a
 * foreign-owned one is not written, and a write keeps a backup with the file's own mode.
 */
import { dirname } from "node:path";
import { COMPOSE_FILE_NAMES, type EntryKind, NEW_COMPOSE_FILE, pickComposeFile } from "../../shared/names.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import { sha256Hex } from "../../shared/encoding.ts";
import { fsAttempt, FsError, type FsErrorKind } from "./fs_error.ts";
import { entryType } from "./list_dir.ts";
import type { FsPort } from "./port.ts";
import { readAll } from "./read_handle.ts";
import type { ScopeRoot } from "./scope.ts";
import { checkStackName } from "./stack_name.ts";

export const MAX_COMPOSE_BYTES = 256 * 1024;

export interface StackFileFailure {
  kind: FsErrorKind | "invalid_argument";
  message: string;
}

export interface StackEntry {
  name: string;
  composeFile: string;
}

export interface ComposeFile {
  stack: string;
  path: string;
  /** Null when the stack has no compose file yet. */
  content: string | null;
  sha256: string | null;
}

export function stacksRoots(stacksDir: string): ScopeRoot[] {
  return [{ label: "stacks", path: stacksDir }];
}

/** The stack's compose file in `dir` (a checked real folder): its name and kind, or null when it has none. */
async function composeFileIn(fs: FsPort, dir: string, roots: readonly ScopeRoot[]) {
  const kinds = new Map<string, EntryKind>();
  await Promise.all(COMPOSE_FILE_NAMES.map(async (name) => {
    const at = await fs.resolve(`${dir}/${name}`, roots, { entry: true });
    if (at.info !== null) kinds.set(name, entryType(at.info));
  }));
  return pickComposeFile((name) => kinds.get(name) ?? null);
}

/** Stacks = real subdirectories whose compose file is a regular file, sorted by name. No stacks dir: none. */
export async function listStacks(
  fs: FsPort,
  stacksDir: string,
): Promise<Result<StackEntry[], StackFileFailure>> {
  const roots = stacksRoots(stacksDir);
  const listed = await fsAttempt(async () => {
    const out: StackEntry[] = [];
    const entries = await fs.list(stacksDir, roots);
    const root = (await fs.resolve(stacksDir, roots)).path;
    for (const entry of entries) {
      if (!entry.info.isDirectory || !checkStackName(entry.name).ok) continue;
      const dir = `${root}/${entry.name}`;
      const file = await composeFileIn(fs, dir, roots);
      if (file?.kind === "file") out.push({ name: entry.name, composeFile: `${dir}/${file.name}` });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  });
  if (!listed.ok && listed.error.kind === "not_found") return ok([]);
  return listed;
}

/** Resolves and reads a stack's compose file (content null when it has none yet). */
export async function readCompose(
  fs: FsPort,
  stacksDir: string,
  stack: string,
): Promise<Result<ComposeFile, StackFileFailure>> {
  const name = checkStackName(stack);
  if (!name.ok) return err({ kind: "invalid_argument", message: name.error });
  const roots = stacksRoots(stacksDir);
  return await fsAttempt(async () => {
    const root = (await fs.resolve(stacksDir, roots)).path;
    const none = { stack, path: `${root}/${stack}/${NEW_COMPOSE_FILE}`, content: null, sha256: null };
    const folder = await fs.resolve(`${root}/${stack}`, roots).catch((e) => {
      if (e instanceof FsError && e.kind === "not_found") return null;
      throw e;
    });
    if (folder === null) return none;
    if (!folder.info?.isDirectory) {
      throw new FsError("invalid_path", `Cannot use stack "${stack}": "${folder.path}" is not a directory`);
    }
    const file = await composeFileIn(fs, folder.path, roots);
    if (file === null) return none;
    const path = `${folder.path}/${file.name}`;
    using handle = await fs.open(path, roots);
    const bytes = await readAll(handle, MAX_COMPOSE_BYTES, path);
    return { stack, path, content: new TextDecoder().decode(bytes), sha256: sha256Hex(bytes) };
  });
}

/**
 * Writes a compose file atomically (creating the stack folder when needed), keeping the current version under
 * `<stacksDir>/.arr-mcp-backups/<stack>/`. Refuses when the file changed since `expectedSha256`.
 */
export async function writeCompose(
  fs: FsPort,
  stacksDir: string,
  target: { stack: string; path: string; expectedSha256: string | null; content: string },
): Promise<Result<{ path: string; backup: string | null }, StackFileFailure>> {
  const current = await readCompose(fs, stacksDir, target.stack);
  if (!current.ok) return current;
  if (current.value.path !== target.path) {
    return err({
      kind: "conflict",
      message: `Cannot write "${target.path}": it changed since the preview; ask for a new preview`,
    });
  }
  const roots = stacksRoots(stacksDir);
  return await fsAttempt(async () => {
    await fs.makeDir(dirname(target.path), roots);
    const written = await fs.write(target.path, roots, new TextEncoder().encode(target.content), {
      backup: true,
      expectSha256: target.expectedSha256,
    });
    return { path: written.path, backup: written.backup };
  });
}

/** A stack's `.env` (what podman-compose interpolates from), or null when it has none. */
export async function readStackEnv(
  fs: FsPort,
  stacksDir: string,
  stack: string,
): Promise<Result<{ content: string; sha256: string } | null, StackFileFailure>> {
  const name = checkStackName(stack);
  if (!name.ok) return err({ kind: "invalid_argument", message: name.error });
  const roots = stacksRoots(stacksDir);
  const read = await fsAttempt(async () => {
    const root = (await fs.resolve(stacksDir, roots)).path;
    const path = `${root}/${stack}/.env`;
    using handle = await fs.open(path, roots);
    const bytes = await readAll(handle, MAX_COMPOSE_BYTES, path);
    return { content: new TextDecoder().decode(bytes), sha256: sha256Hex(bytes) };
  });
  if (!read.ok && read.error.kind === "not_found") return ok(null);
  return read;
}
