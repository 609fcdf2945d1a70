/**
 * The stacks dir on disk: `<stacksDir>/<stack>/compose.yaml` (or compose.yml, docker-compose.y[a]ml).
 * Paths are checked with realpath so a symlink cannot lead a read or write outside the stacks dir.
 */
import { sha256Hex } from "../../shared/encoding.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import { writeFileAtomic } from "../../shared/atomic_write.ts";
import { backupPathFor, keepStamp } from "./keep_dirs.ts";
import { checkStackName, COMPOSE_FILE_NAMES } from "./stack_name.ts";

export const MAX_COMPOSE_BYTES = 256 * 1024;

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

/** Stacks = subdirectories with a compose file, sorted by name. A missing stacks dir lists nothing. */
export async function listStacks(stacksDir: string): Promise<Result<StackEntry[], string>> {
  const out: StackEntry[] = [];
  let root: string;
  try {
    root = await Deno.realPath(stacksDir);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return ok([]);
    return err(`Cannot read stacks dir "${stacksDir}": ${(e as Error).message}`);
  }
  try {
    for await (const entry of Deno.readDir(root)) {
      if (!entry.isDirectory || !checkStackName(entry.name).ok) continue;
      const file = await findComposeFile(`${root}/${entry.name}`);
      if (file !== null) out.push({ name: entry.name, composeFile: file });
    }
  } catch (e) {
    return err(`Cannot read stacks dir "${stacksDir}": ${(e as Error).message}`);
  }
  return ok(out.sort((a, b) => a.name.localeCompare(b.name)));
}

async function findComposeFile(dir: string): Promise<string | null> {
  for (const name of COMPOSE_FILE_NAMES) {
    try {
      const st = await Deno.lstat(`${dir}/${name}`);
      if (st.isFile) return `${dir}/${name}`;
    } catch {
      // try the next name
    }
  }
  return null;
}

/** Resolves and reads a stack's compose file (content null when it has none yet). */
export async function readCompose(stacksDir: string, stack: string): Promise<Result<ComposeFile, string>> {
  const name = checkStackName(stack);
  if (!name.ok) return name;
  let root: string;
  try {
    root = await Deno.realPath(stacksDir);
  } catch {
    return err(`Cannot use stacks dir "${stacksDir}": it does not exist`);
  }
  const dir = `${root}/${stack}`;
  try {
    const st = await Deno.lstat(dir);
    if (!st.isDirectory) return err(`Cannot use stack "${stack}": ${dir} is not a directory`);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      return ok({ stack, path: `${dir}/compose.yaml`, content: null, sha256: null });
    }
    return err(`Cannot use stack "${stack}": ${(e as Error).message}`);
  }
  const path = (await findComposeFile(dir)) ?? `${dir}/compose.yaml`;
  try {
    const bytes = await Deno.readFile(path);
    if (bytes.length > MAX_COMPOSE_BYTES) {
      return err(`Cannot read "${path}": larger than ${MAX_COMPOSE_BYTES} bytes`);
    }
    const content = new TextDecoder().decode(bytes);
    return ok({ stack, path, content, sha256: sha256Hex(content) });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return ok({ stack, path, content: null, sha256: null });
    return err(`Cannot read "${path}": ${(e as Error).message}`);
  }
}

/**
 * Writes a compose file atomically, first copying the current version to
 * `<stacksDir>/.arr-mcp-backups/<stack>/<file>.<stamp>`. Refuses when the file changed since `expectedSha256`.
 */
export async function writeCompose(
  stacksDir: string,
  target: { stack: string; path: string; expectedSha256: string | null; content: string },
  nowMs: number,
): Promise<Result<{ path: string; backup: string | null }, string>> {
  const current = await readCompose(stacksDir, target.stack);
  if (!current.ok) return current;
  if (current.value.path !== target.path || current.value.sha256 !== target.expectedSha256) {
    return err(`Cannot write "${target.path}": it changed since the preview; ask for a new preview`);
  }
  const root = await Deno.realPath(stacksDir);
  const dir = `${root}/${target.stack}`;
  let backup: string | null = null;
  try {
    await Deno.mkdir(dir, { recursive: true });
    if (current.value.content !== null) {
      const file = target.path.slice(dir.length + 1);
      backup = backupPathFor(root, `${target.stack}/${file}`, keepStamp(nowMs));
      await Deno.mkdir(backup.slice(0, backup.lastIndexOf("/")), { recursive: true });
      await Deno.writeTextFile(backup, current.value.content, { createNew: true });
    }
    await writeFileAtomic(target.path, new TextEncoder().encode(target.content));
  } catch (e) {
    return err(`Cannot write "${target.path}": ${(e as Error).message}`);
  }
  return ok({ path: target.path, backup });
}
