/**
 * Redacting an env file: every value is a secret except plain settings (PUID, TZ, *_PORT …), whatever its
 * name; then the text rules run over the rest (comments may hold URLs with passwords).
 */
import { isBlank, scanUntil, skipBlanks } from "./chars.ts";
import { REDACTED, type Redaction } from "./mask.ts";
import { redactSecrets } from "./text.ts";

const PLAIN = new Set([
  "PUID",
  "PGID",
  "UID",
  "GID",
  "TZ",
  "UMASK",
  "UMASK_SET",
  "LANG",
  "LC_ALL",
  "VERSION",
]);
/** Upper-case names ending so are plain settings too (`WEBUI_PORT`, `CONFIG_DIR`). */
const PLAIN_SUFFIXES = ["_PORT", "_DIR", "_PATH", "_HOST", "_URL_BASE"];

export function redactEnvFile(text: string): Redaction {
  let count = 0;
  const lines = text.split("\n").map((line) => {
    const a = assignment(line);
    if (a === undefined || isPlain(a.name) || line.slice(a.valueStart, a.valueEnd).trim() === "") return line;
    if (line.startsWith(REDACTED, a.valueStart)) return line;
    count++;
    return `${line.slice(0, a.valueStart)}${REDACTED}${line.slice(a.valueEnd)}`;
  });
  const rest = redactSecrets(lines.join("\n"));
  return { text: rest.text, count: count + rest.count };
}

/** `[export ]NAME = value` → where the name and the value are; the value excludes a CRLF's `\r`. */
function assignment(line: string): { name: string; valueStart: number; valueEnd: number } | undefined {
  let i = skipBlanks(line, 0);
  if (line.startsWith("export", i) && isBlank(line[i + 6])) i = skipBlanks(line, i + 6);
  const first = line[i];
  if (first === undefined || !(isLetter(first) || first === "_")) return undefined;
  const nameEnd = scanUntil(
    line,
    i + 1,
    (c) => !(isLetter(c) || isDigit(c) || c === "_" || c === "." || c === "-"),
  );
  const eq = skipBlanks(line, nameEnd);
  if (line[eq] !== "=") return undefined;
  return {
    name: line.slice(i, nameEnd),
    valueStart: skipBlanks(line, eq + 1),
    valueEnd: line.endsWith("\r") ? line.length - 1 : line.length,
  };
}

function isPlain(name: string): boolean {
  if (PLAIN.has(name)) return true;
  const upperSnake = [...name].every((c) => (c >= "A" && c <= "Z") || isDigit(c) || c === "_");
  return upperSnake && PLAIN_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

function isLetter(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}
