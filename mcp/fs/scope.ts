import { dirname, normalize, relative } from "node:path";
import { validatePathInput } from "./path_input.ts";
import { isWithin } from "./within.ts";
import { FsError } from "./fs_error.ts";

/** A directory the file tools may reach, with the name shown to Claude ("stacks", "media", "logs"). */
export interface ScopeRoot {
  label: string;
  path: string;
}

/** A path that was checked to lie inside one of the roots. `path` is the real path (no symlinks). */
export interface ScopedPath {
  path: string;
  root: ScopeRoot;
  /** Path relative to the root's real path; "" for the root itself. */
  relative: string;
  exists: boolean;
}

function describeRoots(roots: readonly ScopeRoot[]): string {
  return roots.length === 0 ? "none configured" : roots.map((r) => `${r.label}: ${r.path}`).join(", ");
}

async function realRoots(roots: readonly ScopeRoot[]): Promise<ScopeRoot[]> {
  const out: ScopeRoot[] = [];
  for (const root of roots) {
    try {
      out.push({ label: root.label, path: await Deno.realPath(root.path) });
    } catch {
      // A root that does not exist holds nothing; skipping it keeps the others usable.
    }
  }
  return out;
}

function placeInRoot(
  input: string,
  real: string,
  exists: boolean,
  roots: ScopeRoot[],
  all: readonly ScopeRoot[],
) {
  const root = roots.find((r) => isWithin(r.path, real));
  if (!root) {
    const lexicallyInside = roots.some((r) => isWithin(r.path, normalize(input))) ||
      all.some((r) => isWithin(normalize(r.path), normalize(input)));
    const why = lexicallyInside
      ? `a symbolic link leads outside the allowed roots (to "${real}")`
      : `outside the allowed roots (${describeRoots(all)})`;
    throw new FsError("outside_scope", `Cannot access path "${input}": ${why}`);
  }
  return { path: real, root, relative: relative(root.path, real), exists } satisfies ScopedPath;
}

/**
 * Resolves an existing path with all symlinks followed and checks that the result lies inside a root.
 * Used by reads, listings and disk usage.
 */
export async function resolveExisting(input: string, roots: readonly ScopeRoot[]): Promise<ScopedPath> {
  validatePathInput(input);
  const real = await realPathOrExplain(input);
  return placeInRoot(input, real, true, await realRoots(roots), roots);
}

async function realPathOrExplain(input: string): Promise<string> {
  try {
    return await Deno.realPath(input);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new FsError("not_found", `Cannot access path "${input}": no such file or directory`);
    }
    if (e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotCapable) {
      throw new FsError("permission_denied", `Cannot access path "${input}": permission denied`);
    }
    throw new FsError("invalid_path", `Cannot access path "${input}": ${describeFsError(e, "path")}`);
  }
}

/**
 * Resolves the directory entry named by `input` without following a symlink in its last component: the parent
 * is resolved with realpath (it must exist and lie inside a root), then the name is appended. Used by writes and
 * deletes, so a symlink is acted on itself and a not-yet-existing target cannot escape through its parent.
 */
export async function resolveEntry(input: string, roots: readonly ScopeRoot[]): Promise<ScopedPath> {
  validatePathInput(input);
  const parts = input.split("/");
  const name = parts[parts.length - 1] ?? "";
  if (name === "" || name === "." || name === "..") {
    throw new FsError("invalid_path", `Cannot use path "${input}": must end with a file or directory name`);
  }
  const parentInput = dirname(input);
  let realParent: string;
  try {
    realParent = await Deno.realPath(parentInput);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new FsError(
        "not_found",
        `Cannot use path "${input}": parent directory "${parentInput}" does not exist`,
      );
    }
    throw new FsError(
      "invalid_path",
      `Cannot use path "${input}": ${describeFsError(e, "parent directory")}`,
    );
  }
  const target = `${realParent === "/" ? "" : realParent}/${name}`;
  // Scope first: nothing outside the roots is looked at, and no OS error about it can reach the caller.
  const placed = placeInRoot(input, target, false, await realRoots(roots), roots);
  if (placed.relative === "") {
    throw new FsError("invalid_path", `Cannot use path "${input}": it is an allowed root itself`);
  }
  return { ...placed, exists: await entryExists(input, target) };
}

async function entryExists(input: string, target: string): Promise<boolean> {
  try {
    await Deno.lstat(target);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw new FsError("invalid_path", `Cannot use path "${input}": ${describeFsError(e, "path")}`);
  }
}

/** A short reason for a filesystem error, without the OS text (which names real paths). */
function describeFsError(e: unknown, what: string): string {
  if (e instanceof Deno.errors.NotADirectory) return `a component of the ${what} is not a directory`;
  if (e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotCapable) {
    return "permission denied";
  }
  if (e instanceof Deno.errors.FilesystemLoop) return "too many levels of symbolic links";
  return `the ${what} cannot be resolved`;
}
