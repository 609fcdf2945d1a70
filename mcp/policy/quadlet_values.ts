/**
 * Quadlet values as podman receives them: word-list keys split the way quadlet splits them, systemd's `%%`
 * and `$$` undone and `%h` read as `~`. Other specifiers (`%t`, `%S` …) stay in the text; path checks given
 * `specifiers: true` report them as host-dependent.
 */
import { splitWords, unescapeSystemd } from "../../shared/quadlet/systemd_quote.ts";

/** Keys quadlet splits into words in every unit type. */
export const WORD_LIST_KEYS: ReadonlySet<string> = new Set([
  "PodmanArgs",
  "GlobalArgs",
  "AddCapability",
  "Unmask",
]);

/** The words of a word-list value, or undefined for an unterminated quote (quadlet rejects the unit). */
export function valueWords(raw: string): string[] | undefined {
  return splitWords(raw)?.map(unescapeSystemd);
}

export function valueText(raw: string): string {
  return unescapeSystemd(raw);
}
