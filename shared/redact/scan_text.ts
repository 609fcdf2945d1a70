/**
 * The settings scan: one left-to-right pass over configs, env files, logs, URLs and command lines that replaces
 * the values of secret-named settings. It reads each run of name characters once, asks the name rule
 * (secret_name.ts) only when a separator follows, cuts the value with index arithmetic (value_span.ts) and
 * resumes after it, so its time grows linearly with the text (no regexes, no backtracking).
 *
 * Shapes: `<ApiKey>…</ApiKey>`; `PlexOnlineToken="…"`; `"apiKey": "…"`; `api_key = …`, `API_KEY=…`,
 * `apikey: …` (INI, env, YAML; at the start of a line the value runs to its end); `?apikey=…&`; `X-Api-Key: …`;
 * `Authorization: Bearer …` and a bare `Bearer …`; `Cookie: …`; `--api-key=…` and `--password …`; `scheme://user:…@host`.
 */
import {
  endsCredentials,
  isBlank,
  isNameChar,
  isQuote,
  isWhitespace,
  scanUntil,
  skipBlanks,
} from "./chars.ts";
import { REDACTED, type Redaction } from "./mask.ts";
import { isSecretName } from "./secret_name.ts";
import { type Span, valueSpan } from "./value_span.ts";

export function redactSettings(text: string): Redaction {
  // `+=` builds a rope that V8 flattens once; an array of parts joined at the end grows super-linearly.
  let out = "";
  let copied = 0;
  let count = 0;
  let head = lineHead(text, 0);
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\n") {
      head = lineHead(text, ++i);
      continue;
    }
    if (!isNameChar(c)) {
      i++;
      continue;
    }
    const end = scanUntil(text, i, (ch) => !isNameChar(ch));
    const found = secretAfterName(text, i, end, head);
    if (found === undefined) {
      i = end;
      continue;
    }
    if (!found.already) {
      out += text.slice(copied, found.start) + REDACTED;
      copied = found.end;
      count++;
    }
    i = found.end;
  }
  return count === 0 ? { text, count } : { text: out + text.slice(copied), count };
}

/** Where a key that opens its line starts: after indentation, a YAML `- `, `export ` and an opening quote. */
function lineHead(text: string, from: number): number {
  let i = skipBlanks(text, from);
  if (text[i] === "-" && isBlank(text[i + 1])) i = skipBlanks(text, i + 1);
  if (text.startsWith("export", i) && isBlank(text[i + 6])) i = skipBlanks(text, i + 6);
  return isQuote(text[i]) ? i + 1 : i;
}

/** The secret value belonging to the name `text[start, end)`, if the name is secret and a value follows. */
function secretAfterName(text: string, start: number, end: number, head: number): Span | undefined {
  const next = text[end];
  if (next === ":" && text.startsWith("//", end + 1)) return urlPassword(text, end + 3);
  // Most names are followed by none of these: skip them without copying the name.
  if (next !== ">" && next !== "=" && next !== ":" && !isQuote(next) && !isBlank(next)) return undefined;
  const name = text.slice(start, end);
  if (text[start - 1] === "<" && next === ">") {
    return isSecretName(name) ? xmlElement(text, end + 1, name) : undefined;
  }
  const k = skipBlanks(text, isQuote(next) ? end + 1 : end);
  const separator = text[k];
  if (separator === "=" || separator === ":") {
    if (!isSecretName(name)) return undefined;
    return valueSpan(text, k + 1, { name, separator, atLineHead: start === head });
  }
  // `--password hunter2`: a secret-named flag takes the next word, unless that is another flag.
  if (name.startsWith("-") && isBlank(next) && isSecretName(name)) {
    const value = skipBlanks(text, end);
    return text[value] === "-"
      ? undefined
      : valueSpan(text, value, { name, separator: " ", atLineHead: false });
  }
  // `Bearer eyJ…` without its `Authorization:` header (a client logging the token it sends).
  if (isBlank(next) && name.toLowerCase() === "bearer") return bearerToken(text, end);
  return undefined;
}

/** The token after a bare `Bearer `, up to the next blank, quote, `,` or `;`. */
function bearerToken(text: string, from: number): Span | undefined {
  const start = skipBlanks(text, from);
  const end = scanUntil(text, start, (c) => isWhitespace(c) || endsCredentials(c));
  if (end <= start) return undefined;
  return { start, end, already: text.startsWith(REDACTED, start) };
}

/** `<ApiKey>abc</ApiKey>`: the text up to the next `<`, when that `<` closes the same element. */
function xmlElement(text: string, from: number, name: string): Span | undefined {
  const close = text.indexOf("<", from);
  if (close <= from || text[close + 1] !== "/") return undefined;
  const closeName = text.slice(close + 2, close + 2 + name.length);
  if (closeName.toLowerCase() !== name.toLowerCase() || text[close + 2 + name.length] !== ">") {
    return undefined;
  }
  return { start: from, end: close, already: text.startsWith(REDACTED, from) };
}

/**
 * `scheme://user:password@host` (the user may be empty, as in `redis://:password@host`): the password, up to the
 * last `@` before the path, so a password holding an `@` is hidden whole.
 */
function urlPassword(text: string, from: number): Span | undefined {
  const userEnd = scanUntil(text, from, (c) => c === ":" || c === "@" || c === "/" || isWhitespace(c));
  if (text[userEnd] !== ":") return undefined;
  let at = -1;
  let i = userEnd + 1;
  for (; i < text.length && text[i] !== "/" && !isWhitespace(text[i]!); i++) if (text[i] === "@") at = i;
  if (at <= userEnd + 1) return undefined;
  return { start: userEnd + 1, end: at, already: text.startsWith(REDACTED, userEnd + 1) };
}
