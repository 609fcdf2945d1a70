/**
 * POSIX shell word handling: compose splits a string `command`/`entrypoint` like a shell would (without
 * expansion), and a healthcheck `CMD` list becomes one `/bin/sh -c` string here.
 */

/** Splits like a POSIX shell without expansion; undefined on an unterminated quote. */
export function shellSplit(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === " " || c === "\t" || c === "\n") {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word = (word ?? "") + text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let part = "";
      while (j < text.length && text[j] !== '"') {
        if (text[j] === "\\" && j + 1 < text.length && '\\"$`\n'.includes(text[j + 1] as string)) {
          part += text[j + 1];
          j += 2;
        } else {
          part += text[j];
          j++;
        }
      }
      if (j >= text.length) return undefined;
      word = (word ?? "") + part;
      i = j + 1;
    } else if (c === "\\") {
      word = (word ?? "") + (text[i + 1] ?? "");
      i += 2;
    } else {
      word = (word ?? "") + c;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for /bin/sh with single quotes. */
export function shellQuote(word: string): string {
  if (SHELL_SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}
