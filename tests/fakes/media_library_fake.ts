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
  viewCount?: number;
  lastViewedAt?: number;
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

/** The JSON a PMS answers for a library item (`includeGuids=1`). */
export function plexItemJson(item: PlexLibraryItem): Record<string, unknown> {
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
    ...(item.viewCount === undefined ? {} : { viewCount: item.viewCount }),
    ...(item.lastViewedAt === undefined ? {} : { lastViewedAt: item.lastViewedAt }),
    Guid: (item.guids ?? []).map((id) => ({ id })),
  };
}
