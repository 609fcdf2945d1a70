/**
 * A stateful media library behind the Plex, Sonarr and Radarr fakes, for the cleanup tools: Plex shows,
 * episodes and movies with their GUIDs, watch history rows and accounts; Sonarr series/episodes/files/tags;
 * Radarr movies/tags. Mutations (monitor, file deletes) change the state and are recorded in order.
 * Shapes follow /work/shared/specs (sonarr-v3, radarr-v3, plex) and notes/service-apis.md.
 */

export interface PlexLibraryItem {
  ratingKey: string;
  type: "show" | "episode" | "movie";
  title: string;
  section: string;
  year?: number;
  guids?: string[];
  grandparentRatingKey?: string;
  parentIndex?: number;
  index?: number;
  /** The owner's view state (what the server token sees). */
  viewCount?: number;
  lastViewedAt?: number;
  /**
   * Other accounts' own view state, as PMS answers it to that account's token: account id → lastViewedAt
   * (seconds). A manual "mark as watched" by that account sets it and writes no history row.
   */
  viewedBy?: Record<number, number>;
}

export interface PlexPlay {
  ratingKey: string;
  accountID: number;
  viewedAt: number;
  /** History rows' show keys are unreliable; a fake may set a wrong one. */
  grandparentTitle?: string;
}

export interface FakeMediaLibrary {
  plex: {
    accounts: { id: number; name: string }[];
    sections: { key: string; title: string; type: "show" | "movie" }[];
    items: PlexLibraryItem[];
    plays: PlexPlay[];
    /** Paths (e.g. `/accounts`, `/status/sessions/history/all`) that answer 500, to test fail-closed reads. */
    failing: Set<string>;
  };
  sonarr: {
    series: Record<string, unknown>[];
    episodes: Record<string, unknown>[];
    files: Record<string, unknown>[];
    tags: { id: number; label: string }[];
  };
  radarr: { movies: Record<string, unknown>[]; tags: { id: number; label: string }[] };
  /** `PUT /api/v3/episode/monitor [12] false`, `DELETE /api/v3/episodefile/7` … in call order. */
  mutations: string[];
}

export function emptyMediaLibrary(): FakeMediaLibrary {
  return {
    plex: { accounts: [], sections: [], items: [], plays: [], failing: new Set() },
    sonarr: { series: [], episodes: [], files: [], tags: [] },
    radarr: { movies: [], tags: [] },
    mutations: [],
  };
}

/** The owner's account id: the server token's. */
export const PLEX_OWNER_ID = 1;

/** The JSON a PMS answers for a library item (`includeGuids=1`), to the token of `account`. */
export function plexItemJson(item: PlexLibraryItem, account = PLEX_OWNER_ID): Record<string, unknown> {
  const seen = account === PLEX_OWNER_ID
    ? { viewCount: item.viewCount, lastViewedAt: item.lastViewedAt }
    : item.viewedBy?.[account] === undefined
    ? {}
    : { viewCount: 1, lastViewedAt: item.viewedBy[account] };
  return {
    ratingKey: item.ratingKey,
    key: `/library/metadata/${item.ratingKey}`,
    type: item.type,
    title: item.title,
    librarySectionID: Number(item.section),
    ...(item.year === undefined ? {} : { year: item.year }),
    ...(item.grandparentRatingKey === undefined ? {} : { grandparentRatingKey: item.grandparentRatingKey }),
    ...(item.parentIndex === undefined ? {} : { parentIndex: item.parentIndex }),
    ...(item.index === undefined ? {} : { index: item.index }),
    ...(seen.viewCount === undefined ? {} : { viewCount: seen.viewCount }),
    ...(seen.lastViewedAt === undefined ? {} : { lastViewedAt: seen.lastViewedAt }),
    Guid: (item.guids ?? []).map((id) => ({ id })),
  };
}
