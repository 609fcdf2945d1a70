/**
 * Where the secret value after a secret-named key ends. Index arithmetic only: each call looks at the value's
 * characters once, and the scan resumes after the value, so the whole text is read in linear time.
 */
import {
  endsCredentials,
  endsValue,
  isLineEnd,
  isQuote,
  isWhitespace,
  scanUntil,
  skipBlanks,
} from "./chars.ts";
import { REDACTED } from "./mask.ts";

/** The part of the text to replace; `already` when it holds the mask already (counted once, not twice). */
export interface Span {
  start: number;
  end: number;
  already: boolean;
}

export interface ValueContext {
  /** The key's name as written (`X-Api-Key`, `--password`). */
  name: string;
  /** `=`, `:`, or ` ` for a command-line flag followed by its value. */
  separator: string;
  /** Whether the key opens its line (after indentation, a YAML `- ` and `export `). */
  atLineHead: boolean;
}

const AUTH_SCHEMES = new Set(["basic", "bearer", "token", "digest", "negotiate"]);

/** The value starting at or after `from` (blanks skipped), or undefined when there is none. */
export function valueSpan(text: string, from: number, ctx: ValueContext): Span | undefined {
  const start = skipBlanks(text, from);
  const first = text[start];
  if (first === undefined || isLineEnd(first)) return undefined;
  if (isQuote(first)) return quoted(text, start + 1, first);
  const lower = ctx.name.toLowerCase();
  // `Cookie: a=1; b=2` holds several pairs: all of them to the end of the line.
  if (ctx.separator === ":" && (lower === "cookie" || lower === "set-cookie")) return toLineEnd(text, start);
  if (lower.includes("authorization")) return credentials(text, start);
  // `API_KEY=a b`, `apikey: a b`: a setting that opens its line owns the rest of it.
  if (ctx.atLineHead && ctx.separator !== " ") return toLineEnd(text, start);
  return span(text, start, scanUntil(text, start, endsValue));
}

/** `"…"` or `'…'` up to the closing quote (backslash escapes skipped) or, unterminated, the end of the line. */
function quoted(text: string, start: number, quote: string): Span | undefined {
  let i = start;
  while (i < text.length && text[i] !== quote && !isLineEnd(text[i])) {
    i += text[i] === "\\" && i + 1 < text.length && !isLineEnd(text[i + 1]) ? 2 : 1;
  }
  return span(text, start, i);
}

function toLineEnd(text: string, start: number): Span | undefined {
  return span(text, start, scanUntil(text, start, isLineEnd));
}

/** `Bearer abc`: the scheme stays readable, the credentials after it are the secret. */
function credentials(text: string, start: number): Span | undefined {
  const schemeEnd = scanUntil(text, start, (c) => isWhitespace(c) || endsCredentials(c));
  const afterScheme = skipBlanks(text, schemeEnd);
  const hasScheme = afterScheme > schemeEnd && AUTH_SCHEMES.has(text.slice(start, schemeEnd).toLowerCase()) &&
    !isLineEnd(text[afterScheme]) && afterScheme < text.length;
  const from = hasScheme ? afterScheme : start;
  return span(text, from, scanUntil(text, from, endsCredentials));
}

function span(text: string, start: number, end: number): Span | undefined {
  if (end <= start) return undefined;
  return { start, end, already: text.startsWith(REDACTED, start) };
}
