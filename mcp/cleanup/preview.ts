/**
 * One cleanup preview: read Plex and Sonarr/Radarr (plex_library.ts, arr_library.ts), join by stable ids,
 * apply the rules, and shape the answer for a person (names, dates, sizes). Any failed read or an unknown
 * ARR_CLEANUP_USERS name means no candidates, and `unreadable` says what could not be read.
 */
import type { Result } from "../../shared/result.ts";
import { accountByName, activeUsers } from "./active_users.ts";
import { type RadarrReads, readRadarrLibrary, readSonarrLibrary, type SonarrReads } from "./arr_library.ts";
import type { CleanupFacts, CleanupService, InterestMark, RequiredWatchers } from "./cleanup_facts.ts";
import { episodeFacts } from "./episode_facts.ts";
import { movieFacts } from "./movie_facts.ts";
import { type PlexReads, type PlexUserReads, readPlexLibrary } from "./plex_library.ts";
import { type CleanupEntry, decideCleanup } from "./rules.ts";
import type { Unmatched } from "./unmatched.ts";
import { seriesWithWatches } from "./watched_series.ts";

export interface CleanupSettings {
  users: readonly string[] | undefined;
  activeDays: number;
  keepTag: string;
}

export interface PreviewRequest {
  service: CleanupService;
  /** Series ids (Sonarr) or movie ids (Radarr); all when undefined. */
  ids?: readonly number[] | undefined;
  minDaysSinceWatched: number;
  /** Movies: `audience`, `all_active`, or Plex account names. */
  requiredWatchers: "audience" | "all_active" | readonly string[];
}

export interface PreviewSources {
  plex: Result<PlexReads, string>;
  arr: Result<SonarrReads | RadarrReads, string>;
  /** Other Plex accounts' own reads (`plex_user:<account>` tokens); none when absent. */
  plexUsers?: Result<readonly PlexUserReads[], string>;
}

export interface PreviewItem {
  service: CleanupService;
  /** The series' or movie's stable key, for interest_set (`tvdb:81189`, `tmdb:603`). */
  key: string;
  series?: string;
  movie?: string;
  series_id?: number;
  movie_id?: number;
  season?: number;
  episode?: number;
  episode_id?: number;
  file_id: number;
  path: string;
  size_bytes: number;
  watched_by: string[];
  last_watched: string;
}

export interface CleanupPreview {
  service: CleanupService;
  candidates: (PreviewItem & { reason: string })[];
  protected: (PreviewItem & { why: string })[];
  unmatched: Unmatched[];
  not_watched: number;
  total_bytes: number;
  active_users: string[];
  unreadable: string[];
}

/** A preview with nothing to remove: what a failed read gives (fail closed), naming what could not be read. */
export function emptyPreview(service: CleanupService, unreadable: string[]): CleanupPreview {
  return {
    service,
    candidates: [],
    protected: [],
    unmatched: [],
    not_watched: 0,
    total_bytes: 0,
    active_users: [],
    unreadable,
  };
}

export async function buildPreview(
  sources: PreviewSources,
  request: PreviewRequest,
  settings: CleanupSettings,
  marks: readonly InterestMark[],
  now: number,
): Promise<CleanupPreview> {
  const empty = (unreadable: string[]) => emptyPreview(request.service, unreadable);
  if (!sources.plex.ok) return empty([sources.plex.error]);
  if (!sources.arr.ok) return empty([sources.arr.error]);
  const users = sources.plexUsers ?? { ok: true, value: [] };
  if (!users.ok) return empty([users.error]);
  const plex = await readPlexLibrary(
    sources.plex.value,
    request.service === "sonarr" ? "show" : "movie",
    users.value,
  );
  if (!plex.ok) return empty([plex.error]);
  const { accounts, watches } = plex.value;
  const active = activeUsers(accounts, watches.lastPlay, {
    names: settings.users,
    activeDays: settings.activeDays,
    now,
  });
  if (!active.ok) return empty([active.error]);
  const nameOf = (id: number) => accounts.find((a) => a.id === id)?.name ?? `account ${id}`;
  const required = requiredIds(request.requiredWatchers, accounts);
  if (!required.ok) return empty([required.error]);
  let joined: { facts: CleanupFacts; unmatched: Unmatched[] };
  let unreadFiles = 0;
  if (request.service === "sonarr") {
    const shows = { shows: plex.value.shows, episodes: plex.value.leaves };
    const sonarr = await readSonarrLibrary(
      sources.arr.value as SonarrReads,
      request.ids,
      seriesWithWatches(shows, watches, marks),
    );
    if (!sonarr.ok) return empty([sonarr.error]);
    unreadFiles = sonarr.value.unreadFiles ?? 0;
    joined = episodeFacts(sonarr.value, shows, watches, marks);
  } else {
    const radarr = await readRadarrLibrary(sources.arr.value as RadarrReads, request.ids);
    if (!radarr.ok) return empty([radarr.error]);
    joined = movieFacts(radarr.value, plex.value.leaves, watches, marks);
  }
  const verdict = decideCleanup(joined.facts, {
    now,
    minDaysSinceWatched: request.minDaysSinceWatched,
    keepTag: settings.keepTag,
    activeUsers: active.value,
    requiredWatchers: required.value,
  });
  const titles = new Map(joined.facts.parents.map((p) => [p.id, p.title]));
  const keys = new Map(joined.facts.parents.map((p) => [p.id, p.key ?? ""]));
  const shape = (entry: CleanupEntry): PreviewItem => ({
    service: request.service,
    key: keys.get(entry.parentId) ?? "",
    ...(request.service === "sonarr"
      ? {
        series: titles.get(entry.parentId) ?? "",
        series_id: entry.parentId,
        ...(entry.season === undefined ? {} : { season: entry.season }),
        ...(entry.episode === undefined ? {} : { episode: entry.episode }),
        episode_id: entry.itemId,
      }
      : { movie: titles.get(entry.parentId) ?? "", movie_id: entry.itemId }),
    file_id: entry.fileId,
    path: entry.path,
    size_bytes: entry.sizeBytes,
    watched_by: entry.watchedBy.map(nameOf),
    last_watched: new Date(entry.lastWatched).toISOString(),
  });
  return {
    service: request.service,
    candidates: verdict.candidates.map((c) => ({ ...shape(c), reason: c.reason })),
    protected: verdict.protected.map((p) => ({
      ...shape(p),
      why: p.why.replace(/account (\d+)/g, (_, id) => nameOf(Number(id))),
    })),
    unmatched: joined.unmatched,
    not_watched: verdict.notWatched + unreadFiles,
    total_bytes: verdict.totalBytes,
    active_users: active.value.map(nameOf),
    unreadable: [],
  };
}

/** `required_watchers` may name accounts; they become ids (an unknown name is an error). */
function requiredIds(
  required: PreviewRequest["requiredWatchers"],
  accounts: readonly { id: number; name?: string | null | undefined }[],
): Result<RequiredWatchers, string> {
  if (required === "audience" || required === "all_active") return { ok: true, value: required };
  const ids: number[] = [];
  for (const name of required) {
    const found = accountByName(accounts, name);
    if (found === undefined) {
      return { ok: false, error: `required_watchers names an unknown Plex account "${name}"` };
    }
    ids.push(found.id);
  }
  return { ok: true, value: ids };
}
