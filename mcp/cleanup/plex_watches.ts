/**
 * Who watched which Plex leaf (episode or movie ratingKey) and when, built page by page from the history so
 * memory grows with items × accounts, never with plays. Show and season keys on history rows are not trusted:
 * only the leaf's ratingKey is.
 */
import type { PlexHistoryItem, PlexLibraryItem } from "../clients/media/plex_schemas.ts";

/** The account whose token arr-mcp uses is the server owner: local account id 1 in `/accounts`. */
export const PLEX_OWNER_ACCOUNT = 1;

export interface PlexWatches {
  /** ratingKey → account id → last watched, ms since the epoch. */
  byItem: Map<string, Map<number, number>>;
  /** account id → last play of anything, ms. */
  lastPlay: Map<number, number>;
}

export function emptyPlexWatches(): PlexWatches {
  return { byItem: new Map(), lastPlay: new Map() };
}

/** Adds one history page (mutates and returns `watches`). Rows without a leaf key, account or time are skipped. */
export function addHistoryPage(watches: PlexWatches, rows: readonly PlexHistoryItem[]): PlexWatches {
  for (const row of rows) {
    if (
      row.ratingKey === undefined || typeof row.accountID !== "number" || typeof row.viewedAt !== "number"
    ) {
      continue;
    }
    record(watches, row.ratingKey, row.accountID, row.viewedAt * 1000);
  }
  return watches;
}

/**
 * Plex 1.40+ writes no history row for a manual "mark as watched": for the owner's account a leaf with
 * `viewCount ≥ 1` counts as watched at its `lastViewedAt` (without a time it does not count).
 */
export function addOwnerViewCounts(watches: PlexWatches, leaves: readonly PlexLibraryItem[]): PlexWatches {
  return addViewCounts(watches, leaves, PLEX_OWNER_ACCOUNT);
}

/** The same for another account, from leaves read with that account's own token (`plex_user:<account>`). */
export function addViewCounts(
  watches: PlexWatches,
  leaves: readonly PlexLibraryItem[],
  account: number,
): PlexWatches {
  for (const leaf of leaves) {
    if (leaf.ratingKey === undefined || (leaf.viewCount ?? 0) < 1 || typeof leaf.lastViewedAt !== "number") {
      continue;
    }
    record(watches, leaf.ratingKey, account, leaf.lastViewedAt * 1000);
  }
  return watches;
}

/** Adds `from`'s watches to `into`, keeping the later time per account (one Sonarr episode, several Plex leaves). */
export function mergeWatches(
  into: Map<number, number>,
  from: ReadonlyMap<number, number>,
): Map<number, number> {
  for (const [account, at] of from) into.set(account, Math.max(into.get(account) ?? -Infinity, at));
  return into;
}

function record(watches: PlexWatches, ratingKey: string, account: number, at: number): void {
  let accounts = watches.byItem.get(ratingKey);
  if (accounts === undefined) watches.byItem.set(ratingKey, accounts = new Map());
  accounts.set(account, Math.max(accounts.get(account) ?? -Infinity, at));
  watches.lastPlay.set(account, Math.max(watches.lastPlay.get(account) ?? -Infinity, at));
}
