import { FsError } from "./fs_error.ts";

/** Longest pattern log_search accepts. */
export const MAX_PATTERN_LENGTH = 200;

export type MatchMode = "substring" | "regex";

export interface Matcher {
  test(line: string): boolean;
}

/**
 * Nested quantifiers such as `(a+)+`, `(a*)*`, `(\w+\s?)*` and backreferences are what make a backtracking
 * engine take exponential time; they are refused rather than run (JavaScript has no linear-time engine and no
 * match timeout).
 */
function dangerousRegex(pattern: string): string | undefined {
  if (/\\[1-9]|\\k</.test(pattern)) return "backreferences are not allowed";
  // A quantified group that contains a quantifier or an alternation (`(a|aa)*` backtracks exponentially too).
  const stack: Array<{ quantifier: boolean; alternation: boolean }> = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const top = stack[stack.length - 1];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      // Skip a character class: quantifier characters inside it are literals.
      i++;
      if (pattern[i] === "^") i++;
      if (pattern[i] === "]") i++;
      while (i < pattern.length && pattern[i] !== "]") {
        if (pattern[i] === "\\") i++;
        i++;
      }
      continue;
    }
    if (c === "(") stack.push({ quantifier: false, alternation: false });
    else if (c === ")") {
      const group = stack.pop() ?? { quantifier: false, alternation: false };
      const next = pattern[i + 1];
      const repeated = next === "*" || next === "+" || next === "{";
      if (repeated && group.quantifier) return "nested quantifiers such as (a+)+ are not allowed";
      if (repeated && group.alternation) return "a repeated alternation such as (a|aa)* is not allowed";
      const parent = stack[stack.length - 1];
      if (parent && (group.quantifier || repeated || next === "?")) parent.quantifier = true;
    } else if (top && (c === "*" || c === "+" || c === "{" || (c === "?" && pattern[i - 1] !== "("))) {
      top.quantifier = true;
    } else if (top && c === "|") top.alternation = true;
  }
  return undefined;
}

/**
 * Builds a line matcher. `substring` (the default) matches literal text; `regex` compiles a JavaScript regular
 * expression after refusing over-long patterns, nested quantifiers and backreferences.
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
  const danger = dangerousRegex(pattern);
  if (danger) throw new FsError("invalid_pattern", `Cannot use pattern "${pattern}": ${danger}`);
  let re: RegExp;
  try {
    re = new RegExp(pattern, caseSensitive ? "u" : "iu");
  } catch (e) {
    const detail = (e as Error).message.replace(/^Invalid regular expression: /, "");
    throw new FsError(
      "invalid_pattern",
      `Cannot use pattern "${pattern}": invalid regular expression: ${detail}`,
    );
  }
  return { test: (line) => re.test(line) };
}
