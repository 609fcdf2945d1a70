/** Parses a `.env` file: `KEY=value` lines, `#` comments, optional `export `, single or double quotes. Pure. */
import { err, ok, type Result } from "../../shared/result.ts";

export function parseEnvFile(text: string): Result<Record<string, string>, string> {
  const out: Record<string, string> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m || m[1] === undefined) return err(`Cannot parse .env line ${i + 1}: expected KEY=value`);
    let value = m[2] ?? "";
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    } else {
      value = value.replace(/\s+#.*$/, "");
    }
    out[m[1]] = value;
  }
  return ok(out);
}

/** The environment as the server sees it: the `.env` values, overridden by real environment variables. */
export function mergeEnv(
  fileVars: Record<string, string>,
  processVars: Record<string, string>,
): Record<string, string> {
  return { ...fileVars, ...processVars };
}
