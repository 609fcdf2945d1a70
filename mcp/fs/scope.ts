/**
 * Where a path is, checked in this order: (1) scope: the path's text lies under an allowed root; (2) real path:
 * what the existing part of it resolves to lies inside the roots (else "a symbolic link leads outside");
 * (3) no symlink anywhere below the root, so the checked path is its own real path. The last name may be a
 * symlink only for an `entry` (a delete acts on the link itself).
 */
import { dirname, normalize, relative } from "node:path";
import type { HostFs } from "./host_fs.ts";
import { FsError } from "./fs_error.ts";
import { validatePathInput } from "./path_input.ts";
import type { Located } from "./port.ts";
import { isWithin } from "./within.ts";

/** A directory the file tools may reach, with the name shown to Claude ("stacks", "media", "logs"). */
export interface ScopeRoot {
  label: string;
  path: string;
}

type Resolver = Pick<HostFs, "realPath" | "lstat">;

interface RealRoot {
  label: string;
  configured: string;
  /** Null when the root does not exist. */
  real: string | null;
}

async function realRoots(sys: Resolver, roots: readonly ScopeRoot[]): Promise<RealRoot[]> {
  return await Promise.all(roots.map(async (root) => ({
    label: root.label,
    configured: normalize(root.path),
    real: await sys.realPath(root.path).catch(() => null),
  })));
}

function describeRoots(roots: readonly ScopeRoot[]): string {
  return roots.length === 0 ? "none configured" : roots.map((r) => `${r.label}: ${r.path}`).join(", ");
}

/** Step 1, on the text alone: the root the path names, and the base its relative part is measured from. */
function scopeOf(input: string, target: string, roots: RealRoot[], all: readonly ScopeRoot[]) {
  for (const root of roots) {
    if (root.real !== null && isWithin(root.real, target)) return { root, base: root.real };
    if (isWithin(root.configured, target)) return { root, base: root.configured };
  }
  throw new FsError(
    "outside_scope",
    `Cannot access path "${input}": outside the allowed roots (${describeRoots(all)})`,
  );
}

function inside(roots: RealRoot[], real: string): boolean {
  return roots.some((r) => r.real !== null && isWithin(r.real, real));
}

/** A short reason for a filesystem error, without the OS text (which names real paths). */
function describeFsError(e: unknown, what: string): string {
  if (e instanceof Deno.errors.NotADirectory) return `a component of the ${what} is not a directory`;
  if (e instanceof Deno.errors.FilesystemLoop) return "too many levels of symbolic links";
  return `the ${what} cannot be resolved`;
}

function isDenied(e: unknown): boolean {
  return e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotCapable;
}

/** Step 2: the deepest existing part of `path` must resolve inside the roots. */
async function assertRealInside(sys: Resolver, input: string, path: string, top: string, roots: RealRoot[]) {
  for (let at = path;; at = dirname(at)) {
    try {
      const real = await sys.realPath(at);
      if (!inside(roots, real)) {
        throw new FsError(
          "outside_scope",
          `Cannot access path "${input}": a symbolic link leads outside the allowed roots`,
        );
      }
      return;
    } catch (e) {
      if (e instanceof FsError) throw e;
      if (isDenied(e)) {
        throw new FsError("permission_denied", `Cannot access path "${input}": permission denied`);
      }
      const missing = e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory;
      if (!missing || at === top) {
        throw new FsError("invalid_path", `Cannot access path "${input}": ${describeFsError(e, "path")}`);
      }
    }
  }
}

async function lstatOrNull(sys: Resolver, input: string, path: string): Promise<Deno.FileInfo | null> {
  try {
    return await sys.lstat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    if (isDenied(e)) {
      throw new FsError("permission_denied", `Cannot access path "${input}": permission denied`);
    }
    throw new FsError("invalid_path", `Cannot access path "${input}": ${describeFsError(e, "path")}`);
  }
}

async function symlinkRefusal(sys: Resolver, input: string, at: string, roots: RealRoot[]): Promise<FsError> {
  const real = await sys.realPath(at).catch(() => null);
  if (real !== null && !inside(roots, real)) {
    return new FsError(
      "outside_scope",
      `Cannot access path "${input}": a symbolic link leads outside the allowed roots`,
    );
  }
  const hint = real === null ? "" : ` (use the real path "${real}")`;
  return new FsError(
    "invalid_path",
    `Cannot access path "${input}": "${at}" is a symbolic link, and links below a root are not followed${hint}`,
  );
}

/** Step 3: lstat each name below the root; no symlink, every parent a directory. */
async function walk(
  sys: Resolver,
  input: string,
  top: string,
  path: { names: string[]; entry: boolean },
  roots: RealRoot[],
) {
  const { names, entry } = path;
  let at = top;
  let info: Deno.FileInfo | null = await lstatOrNull(sys, input, at);
  for (const [i, name] of names.entries()) {
    const last = i === names.length - 1;
    at = `${at === "/" ? "" : at}/${name}`;
    info = await lstatOrNull(sys, input, at);
    if (info === null) {
      if (last && entry) break;
      throw entry
        ? new FsError(
          "not_found",
          `Cannot use path "${input}": parent directory "${dirname(input)}" does not exist`,
        )
        : new FsError("not_found", `Cannot access path "${input}": no such file or directory`);
    }
    if (info.isSymlink && !(last && entry)) throw await symlinkRefusal(sys, input, at, roots);
    if (!last && !info.isDirectory) {
      throw new FsError(
        "invalid_path",
        `Cannot access path "${input}": a component of the path is not a directory`,
      );
    }
  }
  return { path: at, info };
}

/**
 * Checks `input` against `roots` (see the file comment) and returns where it is. Not `entry`: the path must
 * exist. `entry`: the parent must exist; the last name may be missing or a symlink, and not a root itself.
 */
export async function resolvePath(
  sys: Resolver,
  input: string,
  roots: readonly ScopeRoot[],
  options: { entry?: boolean } = {},
): Promise<Located> {
  validatePathInput(input);
  const entry = options.entry ?? false;
  const name = input.slice(input.lastIndexOf("/") + 1);
  if (entry && (name === "" || name === "." || name === "..")) {
    throw new FsError("invalid_path", `Cannot use path "${input}": must end with a file or directory name`);
  }
  const target = normalize(input).replace(/(.)\/$/, "$1");
  const real = await realRoots(sys, roots);
  const { root, base } = scopeOf(input, target, real, roots);
  if (root.real === null) {
    throw new FsError(
      "not_found",
      `Cannot access path "${input}": the ${root.label} root "${root.configured}" does not exist`,
    );
  }
  const rel = relative(base, target);
  if (entry && rel === "") {
    throw new FsError("invalid_path", `Cannot use path "${input}": it is an allowed root itself`);
  }
  const names = rel === "" ? [] : rel.split("/");
  const followed = (entry ? names.slice(0, -1) : names).join("/");
  const top = root.real;
  await assertRealInside(sys, input, followed === "" ? top : `${top}/${followed}`, top, real);
  const found = await walk(sys, input, top, { names, entry }, real);
  return {
    path: found.path,
    root: { label: root.label, path: top },
    relative: rel,
    exists: found.info !== null,
    info: found.info,
  };
}

/** An existing path checked against the roots, with the system's own calls (for the log tools). */
export function resolveExisting(input: string, roots: readonly ScopeRoot[]): Promise<Located> {
  return resolvePath(Deno, input, roots);
}
