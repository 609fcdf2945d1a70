/**
 * A host path as written (relative, `~`, `//`, `/./`, `..`, trailing slash) → the absolute path it names, the
 * way compose and quadlet resolve it: relative against the stack (or unit) folder, `~` and `~/…` against the
 * home folder. Symlinks cannot be followed here (no file system access).
 */
import { posix } from "node:path";
import { err, ok, type Result } from "../../shared/result.ts";

export interface PathBase {
  stackDir: string;
  homeDir?: string;
  /**
   * Set for quadlet values (already unescaped, `%h` read as `~`): a `%` specifier left in the path depends
   * on the host (`%t` is the runtime folder) and cannot be resolved here.
   */
  specifiers?: boolean;
}

/** The absolute, normalized path, or why it cannot be known. */
export function resolveHostPath(raw: string, base: PathBase): Result<string, string> {
  if (raw === "") return err("the path is empty");
  if (raw.includes("\0")) return err("the path contains a NUL character");
  const specifier = base.specifiers ? /%[A-Za-z]/.exec(raw) : null;
  if (specifier) return err(`the systemd specifier "${specifier[0]}" depends on the host`);
  if (raw.startsWith("~")) {
    if (raw !== "~" && !raw.startsWith("~/")) {
      return err(`"${raw.split("/")[0]}" names another user's home folder`);
    }
    if (base.homeDir === undefined) return err("the home folder is not known");
    return ok(posix.resolve(base.homeDir, `.${raw.slice(1)}`));
  }
  return ok(posix.resolve(base.stackDir, raw));
}

/** Whether `path` is `dir` or inside it (both absolute and normalized). */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === "/" ? "/" : `${dir}/`);
}

/** Whether `path` is a folder above `target` (not `target` itself). */
export function isAncestor(path: string, target: string): boolean {
  return path !== target && isWithin(target, path);
}
