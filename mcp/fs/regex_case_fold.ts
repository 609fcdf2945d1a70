/**
 * Case-insensitive matching for V8's linear-time engine, which refuses the `i` flag: the line is lower-cased
 * before matching and the pattern is rewritten to match lower-case text.
 *
 * - Literal characters are lower-cased (`Error` → `error`); escapes that name a character by code (`\x41`,
 *   `\u0041`) get the code of its lower case.
 * - A character class keeps what it had and gains the lower-case image of each of its letters and ranges
 *   (`[A-F_]` → `[A-F_\u0061-\u0066]`), so ranges stay valid and negated classes stay right on lower-cased
 *   text (`[^A-Z]` → `[^A-Z\u0061-\u007a]`).
 * - Class escapes (`\d`, `\w`, `\s`, `\b`), assertions and group names stay as written.
 *
 * A character whose lower case is longer than one code point (`İ`) is left as is.
 */

let lowerTable: Uint16Array | undefined;

/** The lower case of each BMP code unit, when it is a single BMP code unit (else the unit itself). */
function lowerOf(code: number): number {
  if (!lowerTable) {
    lowerTable = new Uint16Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      const low = String.fromCharCode(c).toLowerCase();
      lowerTable[c] = low.length === 1 ? low.charCodeAt(0) : c;
    }
  }
  return lowerTable[code]!;
}

const hex4 = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;

/** A literal code point of the pattern, lower-cased when that keeps it one code point. */
function foldLiteral(ch: string): string {
  const low = ch.toLowerCase();
  return [...low].length === 1 ? low : ch;
}

const SIMPLE_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, "0": 0 };

interface Escape {
  /** The escape as written. */
  text: string;
  /** The code unit it stands for, when it stands for one (`\x41`, `\n`, `\-`); undefined for `\d` and the like. */
  code: number | undefined;
}

/** Reads the escape at `i` (a backslash). `inClass`: `\b` is a backspace there. */
function readEscape(pattern: string, i: number, inClass: boolean): Escape {
  const next = pattern[i + 1] ?? "";
  const hex = (len: number) => {
    const digits = pattern.slice(i + 2, i + 2 + len);
    return /^[0-9a-fA-F]+$/.test(digits) && digits.length === len ? digits : undefined;
  };
  if (next === "x" && hex(2)) return { text: pattern.slice(i, i + 4), code: parseInt(hex(2)!, 16) };
  if (next === "u" && hex(4)) return { text: pattern.slice(i, i + 6), code: parseInt(hex(4)!, 16) };
  if (next === "c" && /[a-zA-Z]/.test(pattern[i + 2] ?? "")) {
    return { text: pattern.slice(i, i + 3), code: pattern.charCodeAt(i + 2) % 32 };
  }
  if ((next === "p" || next === "P" || next === "u") && pattern[i + 2] === "{") {
    const close = pattern.indexOf("}", i);
    return { text: pattern.slice(i, close < 0 ? pattern.length : close + 1), code: undefined };
  }
  if (next === "k" && pattern[i + 2] === "<") {
    const close = pattern.indexOf(">", i);
    return { text: pattern.slice(i, close < 0 ? pattern.length : close + 1), code: undefined };
  }
  if (/[1-9]/.test(next)) {
    return { text: `\\${/^\d+/.exec(pattern.slice(i + 1))![0]}`, code: undefined };
  }
  const text = pattern.slice(i, i + 2);
  if (next in SIMPLE_ESCAPES) return { text, code: SIMPLE_ESCAPES[next] };
  if (inClass && next === "b") return { text, code: 8 };
  if (/[a-zA-Z]/.test(next)) return { text, code: undefined }; // \d \w \s \D \W \S \b \B
  return { text, code: next.charCodeAt(0) }; // an identity escape: \. \- \] \\ \/
}

/** Lower-case images of the codes in [lo, hi] that fall outside it, as class items. */
function lowerImages(lo: number, hi: number): string {
  if (hi > 0xffff) hi = 0xffff;
  const extra: number[] = [];
  for (let c = lo; c <= hi; c++) {
    const low = lowerOf(c);
    if (low !== c && (low < lo || low > hi)) extra.push(low);
  }
  extra.sort((a, b) => a - b);
  let out = "";
  for (let k = 0; k < extra.length;) {
    let end = k;
    while (end + 1 < extra.length && extra[end + 1]! <= extra[end]! + 1) end++;
    out += extra[k] === extra[end] ? hex4(extra[k]!) : `${hex4(extra[k]!)}-${hex4(extra[end]!)}`;
    k = end + 1;
  }
  return out;
}

/** One class atom at `i`: its text, its code (if it has one) and where it ends. */
function classAtom(pattern: string, i: number): { end: number; code: number | undefined } {
  if (pattern[i] === "\\") {
    const escape = readEscape(pattern, i, true);
    return { end: i + escape.text.length, code: escape.code };
  }
  const cp = pattern.codePointAt(i)!;
  return { end: i + (cp > 0xffff ? 2 : 1), code: cp };
}

/** Folds the class starting at `i` (`[`); returns its folded text and where it ended. */
function foldClass(pattern: string, i: number): { text: string; end: number } {
  let j = i + 1;
  if (pattern[j] === "^") j++;
  let extra = "";
  while (j < pattern.length && pattern[j] !== "]") {
    const first = classAtom(pattern, j);
    j = first.end;
    if (pattern[j] === "-" && pattern[j + 1] !== "]" && j + 1 < pattern.length) {
      const second = classAtom(pattern, j + 1);
      j = second.end;
      if (first.code !== undefined && second.code !== undefined) {
        extra += lowerImages(first.code, second.code);
      }
      continue;
    }
    if (first.code !== undefined) extra += lowerImages(first.code, first.code);
  }
  return { text: `${pattern.slice(i, j)}${extra}]`, end: j + 1 };
}

/** The pattern rewritten to match lower-cased text (see above). */
export function foldPatternCase(pattern: string): string {
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      const escape = readEscape(pattern, i, false);
      const low = escape.code === undefined ? escape.code : lowerOf(escape.code);
      out += low !== undefined && low !== escape.code ? hex4(low) : escape.text;
      i += escape.text.length;
    } else if (c === "[") {
      const folded = foldClass(pattern, i);
      out += folded.text;
      i = folded.end;
    } else if (pattern.startsWith("(?<", i) && pattern[i + 3] !== "=" && pattern[i + 3] !== "!") {
      const close = pattern.indexOf(">", i);
      const end = close < 0 ? pattern.length : close + 1;
      out += pattern.slice(i, end); // a group name stays as written
      i = end;
    } else {
      const ch = String.fromCodePoint(pattern.codePointAt(i)!);
      out += foldLiteral(ch);
      i += ch.length;
    }
  }
  return out;
}
