import type { Pacer } from "../core/pacer.ts";
import type { Matcher } from "./text_match.ts";

/** Lines longer than this are matched and returned only up to this many characters (log search, container logs). */
export const MAX_LINE_CHARS = 2000;

export interface LineMatch {
  line: number;
  text: string;
}

export interface LineSearch {
  matches: LineMatch[];
  /** True when maxMatches or the pacer's budget stopped the search before the last line. */
  limited: boolean;
  /** True when the pacer's budget ran out before the last line. */
  outOfTime: boolean;
}

/**
 * Matching lines among `lines` (split on "\n"; a trailing "\r" is dropped), 1-based line numbers, at most
 * `maxMatches`. Each line is cut to `MAX_LINE_CHARS`
 * before matching, which bounds the regex engine's work per line; between lines the pacer gives the event loop
 * a turn when its slice is used up, and stops the search when its budget is spent.
 */
export async function searchLines(
  lines: readonly string[],
  matcher: Matcher,
  maxMatches: number,
  pacer: Pacer,
): Promise<LineSearch> {
  const matches: LineMatch[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (pacer.due() && !(await pacer.pause())) return { matches, limited: true, outOfTime: true };
    const raw = lines[i] ?? "";
    const line = raw.length > MAX_LINE_CHARS ? raw.slice(0, MAX_LINE_CHARS) : raw.replace(/\r$/, "");
    if (!matcher.test(line)) continue;
    if (matches.length >= maxMatches) return { matches, limited: true, outOfTime: false };
    matches.push({ line: i + 1, text: line });
  }
  return { matches, limited: false, outOfTime: false };
}
