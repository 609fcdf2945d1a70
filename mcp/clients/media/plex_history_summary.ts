import type { PlexHistoryItem } from "./plex_schemas.ts";

/** Counts of plays, built page by page so the history itself is never held in memory. */
export interface WatchHistorySummary {
  plays: number;
  byAccount: Record<string, number>;
  bySection: Record<string, number>;
  byType: Record<string, number>;
  firstViewedAt: number | undefined;
  lastViewedAt: number | undefined;
}

export function emptyWatchHistorySummary(): WatchHistorySummary {
  return {
    plays: 0,
    byAccount: {},
    bySection: {},
    byType: {},
    firstViewedAt: undefined,
    lastViewedAt: undefined,
  };
}

/** Adds one page of plays to a summary (mutates and returns it: called once per page on large histories). */
export function addToWatchHistorySummary(
  summary: WatchHistorySummary,
  items: readonly PlexHistoryItem[],
): WatchHistorySummary {
  for (const item of items) {
    summary.plays++;
    bump(summary.byAccount, String(item.accountID ?? "unknown"));
    bump(summary.bySection, item.librarySectionID ?? "unknown");
    bump(summary.byType, item.type ?? "unknown");
    const at = item.viewedAt;
    if (typeof at === "number") {
      if (summary.firstViewedAt === undefined || at < summary.firstViewedAt) summary.firstViewedAt = at;
      if (summary.lastViewedAt === undefined || at > summary.lastViewedAt) summary.lastViewedAt = at;
    }
  }
  return summary;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
