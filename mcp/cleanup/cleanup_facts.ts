/**
 * What the cleanup rules decide on: Sonarr/Radarr items already joined to Plex watch state by stable ids.
 * Plain data, so the rules (rules.ts) are a pure function.
 */

export type CleanupService = "sonarr" | "radarr";

/** A series or a movie: what protections and audiences are counted on. */
export interface CleanupParent {
  id: number;
  title: string;
  /** Stable key marks are stored under (`tvdb:81189`, `tmdb:603`); undefined when it has none. */
  key: string | undefined;
  /** When Sonarr/Radarr added it, ms since the epoch (undefined: unknown, treated as just added). */
  addedAt: number | undefined;
  /** Tag labels (lower case). */
  tags: readonly string[];
  /** Series only: Sonarr says it has ended. */
  ended?: boolean;
  /** Series only: the highest season number (> 0) Sonarr knows. */
  newestSeason?: number | undefined;
  /** Series only: accounts that watched any of its episodes in Plex, files or not (its audience). */
  viewers?: readonly number[];
}

/** An episode or a movie that has a file on disk. */
export interface CleanupItem {
  parentId: number;
  /** Episode id (Sonarr) or movie id (Radarr). */
  itemId: number;
  season?: number;
  episode?: number;
  fileId: number;
  path: string;
  sizeBytes: number;
  /** Plex account id → last time it was watched (ms since the epoch). */
  watches: ReadonlyMap<number, number>;
}

export type InterestState = "keep" | "done";

/** A person's mark on a series, season, episode or movie, keyed by stable ids (see interest_key.ts). */
export interface InterestMark {
  accountId: number;
  /** `tvdb:81189`, `tvdb:81189/s2`, `tvdb:81189/s2e5`, `tmdb:603`. */
  key: string;
  state: InterestState;
  /** When it was set, ms since the epoch. */
  at: number;
}

/** Movies: whose watch counts. `audience`: active users who watched it; `all_active`: every active user. */
export type RequiredWatchers = "audience" | "all_active" | readonly number[];

export interface CleanupRules {
  now: number;
  /** @default 14 */
  minDaysSinceWatched: number;
  /** @default "keep" */
  keepTag: string;
  /** Plex account ids whose watching counts. */
  activeUsers: readonly number[];
  /** Movies only. @default "all_active" */
  requiredWatchers: RequiredWatchers;
}

export interface CleanupFacts {
  service: CleanupService;
  parents: readonly CleanupParent[];
  items: readonly CleanupItem[];
  marks: readonly InterestMark[];
  /** Reads that failed, each saying what could not be read: any entry means no candidates (fail closed). */
  unreadable: readonly string[];
}
