/**
 * Parses compose `.env` / `env_file` text: `KEY=VALUE` lines, `#` comments, optional `export `, single quotes
 * (literal), double quotes (escapes `\n \t \r \\ \"`, may span lines), unquoted values with ` #` comments.
 * Unquoted and double-quoted values of the `.env` file are interpolated; `env_file` files are not.
 */
import { err, ok, type Result } from "../result.ts";
import { interpolate, type Lookup } from "./interpolate.ts";

export interface DotenvEntry {
  key: string;
  /** Undefined for a bare `KEY` line (take the value from the environment). */
  value: string | undefined;
  /** Whether the value was written so that a plain `KEY=VALUE` reader (podman --env-file) reads it alike. */
  plain: boolean;
}

export interface DotenvError {
  line: number;
  message: string;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const DQ_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"' };

/**
 * @param lookup when given, values are interpolated with it first and then with the keys already read
 * from this file (compose's rule for `.env`: the shell environment wins).
 */
export function parseDotenv(text: string, lookup?: Lookup): Result<DotenvEntry[], DotenvError> {
  const entries: DotenvEntry[] = [];
  const seen = new Map<string, string>();
  const lines = text.replaceAll("\r\n", "\n").split("\n");
  for (let n = 0; n < lines.length; n++) {
    const raw = (lines[n] as string).replace(/^\s+/, "");
    if (raw === "" || raw.startsWith("#")) continue;
    const line = raw.startsWith("export ") ? raw.slice(7).trimStart() : raw;
    const eq = line.indexOf("=");
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!KEY.test(key)) {
      return err({ line: n + 1, message: `Cannot parse line ${n + 1}: invalid key "${key}"` });
    }
    if (eq < 0) {
      entries.push({ key, value: undefined, plain: false });
      continue;
    }
    let rest = line.slice(eq + 1).replace(/^[ \t]+/, "");
    let value: string;
    let plain = false;
    let interpolated = lookup !== undefined;
    if (rest.startsWith("'")) {
      const end = rest.indexOf("'", 1);
      if (end < 0) {
        return err({ line: n + 1, message: `Cannot parse line ${n + 1}: unterminated single quote` });
      }
      value = rest.slice(1, end);
      interpolated = false;
    } else if (rest.startsWith('"')) {
      let out = "";
      let i = 1;
      for (;;) {
        if (i >= rest.length) {
          if (n + 1 >= lines.length) {
            return err({ line: n + 1, message: `Cannot parse line ${n + 1}: unterminated double quote` });
          }
          n++;
          rest += "\n" + lines[n];
          continue;
        }
        const c = rest[i] as string;
        if (c === '"') break;
        if (c === "\\" && i + 1 < rest.length) {
          const e = rest[i + 1] as string;
          out += DQ_ESCAPES[e] ?? `\\${e}`;
          i += 2;
        } else {
          out += c;
          i++;
        }
      }
      value = out;
    } else {
      const comment = rest.search(/[ \t]#/);
      value = (comment < 0 ? rest : rest.slice(0, comment)).trimEnd();
      plain = comment < 0 && value === rest && !value.includes("$");
    }
    if (interpolated && lookup !== undefined) {
      const result = interpolate(value, (name) => lookup(name) ?? seen.get(name));
      if (!result.ok) {
        return err({ line: n + 1, message: `Cannot parse line ${n + 1}: ${result.error.message}` });
      }
      value = result.value;
    }
    seen.set(key, value);
    entries.push({ key, value, plain });
  }
  return ok(entries);
}

/** The last value for each key (later lines win). */
export function dotenvMap(entries: readonly DotenvEntry[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of entries) if (e.value !== undefined) map.set(e.key, e.value);
  return map;
}
