/**
 * Parses `.env` and `env_file` text as compose does (compose-go v2 `dotenv` parser): `KEY=VALUE` or `KEY: VALUE`,
 * `#` comment lines, an optional `export `, a bare `KEY` taking its value from the environment, single quotes
 * (literal, `\'` for a quote), double quotes (escapes `\a \b \f \n \r \t \v \\ \" \$` and `\0ooo`), both of which
 * may span lines, and unquoted values (cut at ` #`, trailing spaces trimmed). Unquoted and double-quoted values
 * are interpolated (`${VAR}`, `$$`, defaults …): a variable is looked up in the given environment first, then in
 * the keys read earlier from the same file.
 */
import { err, ok, type Result } from "../result.ts";
import { interpolate, type Lookup } from "./interpolate.ts";

export interface DotenvEntry {
  key: string;
  /** Undefined for a bare `KEY` whose value the environment does not have (compose then leaves it out). */
  value: string | undefined;
  /**
   * Whether Podman's `--env-file` reader (which splits each line at the first `=` and keeps the rest as is) reads
   * this entry alike: one unquoted `KEY=VALUE` line without `export`, comment, `$`, or spaces at the ends.
   */
  plain: boolean;
}

export interface DotenvError {
  line: number;
  message: string;
}

/** Spaces that are not line breaks (compose-go `isSpace`). */
const SPACE = /[\t\v\f\r \u0085\u00a0]/;
const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
const ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
  $: "$$",
};

/**
 * @param lookup the environment for interpolation and bare keys; when omitted, values are not interpolated.
 * @param unset called with each variable that an interpolation found unset (compose warns about those).
 */
export function parseDotenv(
  text: string,
  lookup?: Lookup,
  unset?: (name: string) => void,
): Result<DotenvEntry[], DotenvError> {
  const src = text.replace(/^\uFEFF/, "");
  const entries: DotenvEntry[] = [];
  const seen = new Map<string, string>();
  const env: Lookup = (name) => lookup?.(name) ?? seen.get(name);
  let i = 0;
  const lineAt = (at: number) => src.slice(0, at).split("\n").length;
  for (;;) {
    while (i < src.length && /\s/.test(src[i] as string)) i++;
    if (i >= src.length) break;
    if (src[i] === "#") {
      const nl = src.indexOf("\n", i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    const start = i;
    const line = lineAt(start);
    const fail = (message: string) => err({ line, message: `Cannot parse line ${line}: ${message}` });
    const exported = /^export[\t\v\f\r \u0085\u00a0]+/.exec(src.slice(i));
    if (exported) i += exported[0].length;
    let keyEnd = i;
    let terminator: string | undefined;
    for (; keyEnd < src.length; keyEnd++) {
      const c = src[keyEnd] as string;
      if (c === "=" || c === ":" || c === "\n") {
        terminator = c;
        break;
      }
      if (!SPACE.test(c) && !KEY_CHAR.test(c)) return fail(`unexpected character "${c}" in variable name`);
    }
    const key = src.slice(i, keyEnd).replace(/\s+$/, "");
    if (/\s/.test(key)) return fail(`key "${key}" contains a space`);
    if (key === "") return fail("missing variable name");
    if (terminator === undefined || terminator === "\n") {
      const value = lookup?.(key);
      entries.push({ key, value, plain: false });
      if (value !== undefined) seen.set(key, value);
      i = keyEnd + 1;
      continue;
    }
    i = keyEnd + 1;
    while (i < src.length && SPACE.test(src[i] as string)) i++;
    const quote = src[i];
    let value: string;
    let interpolated = lookup !== undefined;
    if (quote === "'" || quote === '"') {
      let raw = "";
      let j = i + 1;
      let closed = false;
      for (; j < src.length; j++) {
        const c = src[j] as string;
        if (c === "\\" && j + 1 < src.length) {
          const next = src[j + 1] as string;
          raw += next === quote ? next : `\\${next}`;
          j++;
        } else if (c === quote) {
          closed = true;
          break;
        } else raw += c;
      }
      if (!closed) return fail(`unterminated ${quote === "'" ? "single" : "double"} quote`);
      i = j + 1;
      if (quote === "'") {
        value = raw;
        interpolated = false;
      } else {
        value = expandEscapes(raw);
        // Without interpolation `$$` (from `\$`) still means one `$`.
        if (!interpolated) value = value.replaceAll("$$", "$");
      }
    } else {
      const nl = src.indexOf("\n", i);
      const rest = src.slice(i, nl < 0 ? src.length : nl);
      const comment = rest.indexOf(" #");
      value = (comment < 0 ? rest : rest.slice(0, comment)).replace(/\s+$/, "");
      i = nl < 0 ? src.length : nl;
    }
    if (interpolated) {
      const result = interpolate(value, env, unset);
      if (!result.ok) return fail(result.error.message);
      value = result.value;
    }
    const whole = src.slice(start, i);
    const plain = quote !== "'" && quote !== '"' && !whole.includes("$") && whole === `${key}=${value}`;
    seen.set(key, value);
    entries.push({ key, value, plain });
  }
  return ok(entries);
}

function expandEscapes(text: string): string {
  return text.replace(/\\(0[0-7]{3}|[abfnrtv$"\\])/g, (_m, e: string) => {
    if (e.length === 4) return String.fromCharCode(parseInt(e.slice(1), 8));
    return ESCAPES[e] ?? `\\${e}`;
  });
}

/** The last value for each key (later lines win). */
export function dotenvMap(entries: readonly DotenvEntry[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of entries) if (e.value !== undefined) map.set(e.key, e.value);
  return map;
}
