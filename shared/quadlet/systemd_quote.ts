/**
 * Quoting for values that quadlet copies into a systemd `ExecStart=` line.
 *
 * systemd expands `%` specifiers and `$VAR` in ExecStart, so literal `%` and `$` are doubled. Quadlet splits
 * "word" keys (Exec, Environment, Label, PodmanArgs …) with systemd's rules: double-quoted words with C escapes.
 * A backslash-escaped space outside quotes makes quadlet 5.4.2 drop the whole key silently, so unsafe words are
 * always double-quoted instead.
 */

/**
 * An empty argument in `Exec=`. Quadlet 5.4.2 stops reading `Exec=` at an empty word (`-f "" -r x` gives only
 * `-f`), so an empty word is written as this variable reference instead: systemd turns `${VAR}` standing as a
 * word of its own into exactly one argument, here the empty value the unit's `[Service] Environment=` gives it.
 */
export const EMPTY_WORD_VAR = "ARR_EMPTY_ARG";
export const EMPTY_WORD = `\${${EMPTY_WORD_VAR}}`;

/** Makes text literal for systemd: `%` → `%%`, `$` → `$$`. */
export function escapeSystemd(text: string): string {
  return text.replaceAll("%", "%%").replaceAll("$", "$$$$");
}

/** Reverses {@linkcode escapeSystemd}; `%h` (the home directory) becomes `~`. */
export function unescapeSystemd(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if ((c === "%" || c === "$") && next === c) {
      out += c;
      i++;
    } else if (c === "%" && next === "h") {
      out += "~";
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./~^$-]+$/;

/** Quotes one word for a quadlet word-list key; plain words stay bare. */
export function quoteWord(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  let out = '"';
  for (const ch of word) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + '"';
}

/** Joins words with {@linkcode quoteWord}. */
export function quoteWords(words: readonly string[]): string {
  return words.map(quoteWord).join(" ");
}

/** systemd separates words by ASCII whitespace only (a no-break space is part of a word). */
const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  '"': '"',
  "'": "'",
  " ": " ",
};

/**
 * Splits a word-list value the way quadlet does (double or single quotes, C escapes). Returns undefined for
 * input quadlet would reject (an unterminated quote).
 */
export function splitWords(value: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && WHITESPACE.has(value[i] ?? "")) i++;
    if (i >= value.length) break;
    let word = "";
    while (i < value.length && !WHITESPACE.has(value[i] ?? "")) {
      const c = value[i] as string;
      if (c === '"' || c === "'") {
        const end = readQuoted(value, i + 1, c);
        if (end === undefined) return undefined;
        word += end.text;
        i = end.next;
      } else if (c === "\\") {
        const esc = readEscape(value, i + 1);
        word += esc.text;
        i = esc.next;
      } else {
        word += c;
        i++;
      }
    }
    words.push(word);
  }
  return words;
}

function readQuoted(value: string, start: number, quote: string): { text: string; next: number } | undefined {
  let text = "";
  let i = start;
  while (i < value.length) {
    const c = value[i] as string;
    if (c === quote) return { text, next: i + 1 };
    if (c === "\\" && quote === '"') {
      const esc = readEscape(value, i + 1);
      text += esc.text;
      i = esc.next;
    } else {
      text += c;
      i++;
    }
  }
  return undefined;
}

function readEscape(value: string, at: number): { text: string; next: number } {
  const c = value[at];
  if (c === undefined) return { text: "\\", next: at };
  if (c === "x" && /^[0-9a-fA-F]{2}$/.test(value.slice(at + 1, at + 3))) {
    return { text: String.fromCharCode(parseInt(value.slice(at + 1, at + 3), 16)), next: at + 3 };
  }
  return { text: ESCAPES[c] ?? c, next: at + 1 };
}
