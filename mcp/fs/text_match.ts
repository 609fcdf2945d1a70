import { FsError } from "./fs_error.ts";
import { compileLinearRegex } from "./linear_regex.ts";

/** Longest pattern log_search accepts. */
export const MAX_PATTERN_LENGTH = 200;

export type MatchMode = "substring" | "regex";

export interface Matcher {
  test(line: string): boolean;
}

/**
 * Builds a line matcher. `substring` (the default) matches literal text; `regex` compiles a JavaScript regular
 * expression for V8's linear-time engine (linear_regex.ts), so no pattern can backtrack.
 */
export function compileMatcher(
  pattern: string,
  options: { mode?: MatchMode; caseSensitive?: boolean } = {},
): Matcher {
  const mode = options.mode ?? "substring";
  const caseSensitive = options.caseSensitive ?? false;
  if (pattern.length === 0) throw new FsError("invalid_pattern", 'Cannot use pattern "": value is empty');
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new FsError(
      "invalid_pattern",
      `Cannot use pattern "${pattern.slice(0, 30)}…": longer than ${MAX_PATTERN_LENGTH} characters`,
    );
  }
  if (mode === "substring") {
    const needle = caseSensitive ? pattern : pattern.toLowerCase();
    return { test: (line) => (caseSensitive ? line : line.toLowerCase()).includes(needle) };
  }
  const compiled = compileLinearRegex(pattern, { caseSensitive });
  if (!compiled.ok) {
    throw new FsError("invalid_pattern", `Cannot use pattern "${pattern}": ${compiled.error}`);
  }
  return compiled.value;
}
