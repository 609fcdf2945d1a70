import type { Matcher } from "./text_match.ts";

/** Lines longer than this are matched and returned only up to this many characters (log search, container logs). */
export const MAX_LINE_CHARS = 2000;

export interface LineMatch {
  line: number;
  text: string;
}

/**
 * Matching lines of `text`, 1-based line numbers, at most `maxMatches`. Each line is cut to `MAX_LINE_CHARS`
 * before matching, which also bounds the regex engine's work per line.
 */
export function searchLines(
  text: string,
  matcher: Matcher,
  maxMatches: number,
): { matches: LineMatch[]; limited: boolean } {
  const matches: LineMatch[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const line = raw.length > MAX_LINE_CHARS ? raw.slice(0, MAX_LINE_CHARS) : raw.replace(/\r$/, "");
    if (!matcher.test(line)) continue;
    if (matches.length >= maxMatches) return { matches, limited: true };
    matches.push({ line: i + 1, text: line });
  }
  return { matches, limited: false };
}
