/** Character classes of the text scan, as UTF-16 code tests (no regexes: every test is O(1)). */

const NAME_PUNCTUATION = new Set(["_", ".", "\\", "/", "-"]);
/** Where an unquoted value in the middle of a line ends (a query string's `&`, a list's `,` …). */
const VALUE_END = new Set([" ", "\t", "\n", "\r", "\f", "\v", "&", '"', "'", ",", ";", "<", ">"]);
/** Where the credentials after an Authorization scheme end. */
const CREDENTIALS_END = new Set([" ", "\t", "\n", "\r", "\f", "\v", '"', "'", ",", ";"]);

/** A character of a setting name: letters, digits and `_ . \ / -` (so `WebUI\Password` is one name). */
export function isNameChar(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") ||
    NAME_PUNCTUATION.has(c);
}

export function isBlank(c: string | undefined): boolean {
  return c === " " || c === "\t";
}

export function isLineEnd(c: string | undefined): boolean {
  return c === "\n" || c === "\r";
}

export function isQuote(c: string | undefined): c is '"' | "'" {
  return c === '"' || c === "'";
}

export function isWhitespace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";
}

export function endsValue(c: string): boolean {
  return VALUE_END.has(c);
}

export function endsCredentials(c: string): boolean {
  return CREDENTIALS_END.has(c);
}

/** The first index at or after `from` whose character is not blank (space or tab). */
export function skipBlanks(text: string, from: number): number {
  let i = from;
  while (isBlank(text[i])) i++;
  return i;
}

/** The first index at or after `from` whose character satisfies `stop`, or the text's length. */
export function scanUntil(text: string, from: number, stop: (c: string) => boolean): number {
  let i = from;
  while (i < text.length && !stop(text[i]!)) i++;
  return i;
}
