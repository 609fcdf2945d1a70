import { hasControlCharacter } from "../../shared/control_chars.ts";
import { FsError } from "./fs_error.ts";

/** Longest path the tools accept; Linux's PATH_MAX is 4096 bytes. */
export const MAX_PATH_LENGTH = 4096;

/**
 * Checks a path as given by a client before it touches the filesystem: it must be a non-empty absolute path
 * without NUL or other control characters. Returns the path unchanged.
 */
export function validatePathInput(input: string, field = "path"): string {
  if (input.length === 0) throw new FsError("invalid_path", `Cannot use ${field} "": value is empty`);
  if (input.length > MAX_PATH_LENGTH) {
    throw new FsError(
      "invalid_path",
      `Cannot use ${field} "${input.slice(0, 40)}…": longer than ${MAX_PATH_LENGTH} characters`,
    );
  }
  if (hasControlCharacter(input)) {
    throw new FsError(
      "invalid_path",
      `Cannot use ${field} ${JSON.stringify(input)}: contains a control character`,
    );
  }
  if (!input.startsWith("/")) {
    throw new FsError("invalid_path", `Cannot use ${field} "${input}": must be an absolute path`);
  }
  return input;
}
