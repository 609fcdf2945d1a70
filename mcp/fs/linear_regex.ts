/**
 * User regexes run on V8's linear-time engine (the `l` flag, enabled by `--enable-experimental-regexp-engine`),
 * so no pattern can backtrack: the work is bounded by pattern length × text length. `.*.*.*.*x#` on a
 * 200-character line took 21.7 s with the backtracking engine and takes about 0.1 ms here.
 *
 * Why this and not a Worker with a deadline: a Worker keeps the backtracking engine, so a hostile pattern still
 * burns a core until the deadline on every call, each search pays a Worker start and its heap, and the line
 * data must be copied across. The linear engine needs no second thread and makes every pattern cost what an
 * ordinary one does. Its price: the flag must be given wherever arr-mcp starts (the start task, the test
 * tasks, the container entry point use `deno task start`), and it refuses some syntax, named in the error
 * (regex_refusal.ts). It refuses the `i` and `u` flags too: case-insensitive matching folds case instead
 * (regex_case_fold.ts), and patterns are checked with `u` first so syntax errors read as before.
 */
import { err, ok, type Result } from "../../shared/result.ts";
import { foldPatternCase } from "./regex_case_fold.ts";
import { linearRefusal } from "./regex_refusal.ts";

/** The V8 flag that enables the linear-time engine; it must be given when the process starts. */
export const LINEAR_ENGINE_FLAG = "--enable-experimental-regexp-engine";

let available: boolean | undefined;

/** Whether this process was started with LINEAR_ENGINE_FLAG. */
export function linearEngineAvailable(): boolean {
  if (available === undefined) {
    try {
      // deno-lint-ignore no-invalid-regexp -- the `l` flag exists only under LINEAR_ENGINE_FLAG
      new RegExp("", "l");
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

export interface LinearRegex {
  test(line: string): boolean;
}

/** Compiles `pattern` for the linear-time engine; the error is a phrase for `Cannot use pattern "…": <error>`. */
export function compileLinearRegex(
  pattern: string,
  options: { caseSensitive: boolean },
): Result<LinearRegex, string> {
  if (!linearEngineAvailable()) {
    return err(
      `regex mode needs V8's linear-time regex engine, and arr-mcp was started without it: start it with ` +
        `--v8-flags=${LINEAR_ENGINE_FLAG} (deno task start does)`,
    );
  }
  try {
    new RegExp(pattern, "u");
  } catch (e) {
    const detail = (e as Error).message.replace(/^Invalid regular expression: /, "");
    return err(`invalid regular expression: ${detail}`);
  }
  const refusal = linearRefusal(pattern);
  if (refusal) return err(`the linear-time regex engine cannot run ${refusal}`);
  let re: RegExp;
  try {
    re = new RegExp(options.caseSensitive ? pattern : foldPatternCase(pattern), "l");
  } catch (e) {
    const detail = (e as Error).message.replace(/^Invalid regular expression: /, "");
    return err(`the linear-time regex engine cannot run it: ${detail}`);
  }
  return ok(options.caseSensitive ? re : { test: (line) => re.test(line.toLowerCase()) });
}
