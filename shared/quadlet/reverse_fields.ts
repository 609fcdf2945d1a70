/** Reading a parsed quadlet unit back into logical values (unquoted, systemd escapes undone). */
import { EMPTY_WORD, splitWords, unescapeSystemd } from "./systemd_quote.ts";
import { type ParsedLine, WORD_KEYS } from "./unit_file.ts";

export interface LogicalField {
  key: string;
  words: string[];
}

export function logicalFields(section: string, lines: readonly ParsedLine[]): LogicalField[] {
  const wordKeys = WORD_KEYS[section];
  return lines.map((l) => {
    if (wordKeys?.has(l.key)) {
      const words = splitWords(l.value) ?? [l.value];
      return { key: l.key, words: words.map((w) => (w === EMPTY_WORD ? "" : unescapeSystemd(w))) };
    }
    return { key: l.key, words: [unescapeSystemd(l.value)] };
  });
}

/** Podman flags (as written in PodmanArgs=) back to the quadlet key they downgrade from. */
export function flagPairs(words: readonly string[]): [string, string | undefined][] {
  const pairs: [string, string | undefined][] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (!w.startsWith("-")) continue;
    const eq = w.indexOf("=");
    if (eq > 0) {
      pairs.push([w.slice(0, eq), w.slice(eq + 1)]);
      continue;
    }
    const next = words[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      pairs.push([w, next]);
      i++;
    } else {
      pairs.push([w, undefined]);
    }
  }
  return pairs;
}
