/** Redacting a command line given as words (a container's command): `--password hunter2` spans two words. */
import { REDACTED } from "./mask.ts";
import { isSecretName } from "./secret_name.ts";
import { redactText } from "./text.ts";

export function redactArgv(words: readonly string[], known: readonly string[] = []): string[] {
  const out = words.map((word) => redactText(word, known));
  for (let i = 0; i + 1 < words.length; i++) {
    const word = words[i]!;
    if (isFlag(word) && isSecretName(word)) out[i + 1] = REDACTED;
  }
  return out;
}

/** `-x`, `--api-key`: a dash or two, then letters, digits, `_` and `-` (no `=value`). */
function isFlag(word: string): boolean {
  const from = word.startsWith("--") ? 2 : word.startsWith("-") ? 1 : 0;
  if (from === 0 || from === word.length) return false;
  for (let i = from; i < word.length; i++) {
    const c = word[i]!;
    const ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "_" ||
      c === "-";
    if (!ok) return false;
  }
  return true;
}
