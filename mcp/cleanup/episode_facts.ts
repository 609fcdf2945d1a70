/**
 * Sonarr's library joined to Plex watch state (pure): a Plex show matches a series by tvdb, then tmdb, then
 * imdb; an episode by that series + season + episode number. Plex shows that match no series are listed.
 */
import type { Tag } from "../clients/media/arr_schemas.ts";
import type { PlexLibraryItem } from "../clients/media/plex_schemas.ts";
import type { Episode, EpisodeFile, Series } from "../clients/media/sonarr.ts";
import type { CleanupFacts, CleanupItem, CleanupParent, InterestMark } from "./cleanup_facts.ts";
import { matchByIds } from "./match_ids.ts";
import { mergeWatches, type PlexWatches } from "./plex_watches.ts";
import { SHOW_ID_ORDER, stableIdsFromGuids, stableIdsOf, stableKey } from "./stable_ids.ts";
import { type Unmatched, unmatchedOf } from "./unmatched.ts";

export interface SonarrLibrary {
  series: readonly Series[];
  tags: readonly Tag[];
  episodes: readonly Episode[];
  files: readonly EpisodeFile[];
  /**
   * Files of the series whose episodes were not read because nobody can have finished any of them (see
   * watched_series.ts): they count as not watched.
   */
  unreadFiles?: number;
}

export interface PlexShows {
  shows: readonly PlexLibraryItem[];
  episodes: readonly PlexLibraryItem[];
}

export function episodeFacts(
  sonarr: SonarrLibrary,
  plex: PlexShows,
  watches: PlexWatches,
  marks: readonly InterestMark[],
): { facts: CleanupFacts; unmatched: Unmatched[] } {
  const match = matchShows(plex.shows, sonarr.series);
  const seriesOfShow = new Map(match.matched.map((m) => [m.plex.ratingKey, m.target.id]));
  const watchesOf = new Map<string, Map<number, number>>();
  const viewers = new Map<number, Set<number>>();
  for (const leaf of plex.episodes) {
    const seriesId = seriesOfShow.get(leaf.grandparentRatingKey);
    const seen = leaf.ratingKey === undefined ? undefined : watches.byItem.get(leaf.ratingKey);
    if (seriesId === undefined || seen === undefined || leaf.parentIndex == null || leaf.index == null) {
      continue;
    }
    const key = `${seriesId}/${leaf.parentIndex}/${leaf.index}`;
    watchesOf.set(key, mergeWatches(watchesOf.get(key) ?? new Map(), seen));
    const audience = viewers.get(seriesId) ?? new Set<number>();
    for (const account of seen.keys()) audience.add(account);
    viewers.set(seriesId, audience);
  }
  const labels = new Map(sonarr.tags.map((t) => [t.id, t.label.toLowerCase()]));
  const newestEpisodeSeason = newestSeasons(sonarr.episodes);
  const parents: CleanupParent[] = sonarr.series.map((s) => ({
    id: s.id,
    title: s.title,
    key: stableKey(stableIdsOf(s), SHOW_ID_ORDER),
    addedAt: timeOf(s.added),
    tags: (s.tags ?? []).map((id) => labels.get(id) ?? `#${id}`),
    ended: s.status === "ended" || s.ended === true,
    newestSeason: newestSeason(s, newestEpisodeSeason.get(s.id)),
    viewers: [...(viewers.get(s.id) ?? [])],
  }));
  const files = new Map(sonarr.files.map((f) => [f.id, f]));
  const items: CleanupItem[] = [];
  for (const ep of sonarr.episodes) {
    const file = ep.episodeFileId ? files.get(ep.episodeFileId) : undefined;
    if (ep.hasFile === false || file === undefined) continue;
    items.push({
      parentId: ep.seriesId,
      itemId: ep.id,
      season: ep.seasonNumber,
      episode: ep.episodeNumber,
      fileId: file.id,
      path: file.path ?? file.relativePath ?? "",
      sizeBytes: file.size ?? 0,
      watches: watchesOf.get(`${ep.seriesId}/${ep.seasonNumber}/${ep.episodeNumber}`) ?? new Map(),
    });
  }
  return {
    facts: { service: "sonarr", parents, items, marks, unreadable: [] },
    unmatched: match.unmatched.map(unmatchedOf),
  };
}

/** Plex shows joined to Sonarr series: tvdb, then tmdb, then imdb (never the title). */
export function matchShows(shows: readonly PlexLibraryItem[], series: readonly Series[]) {
  return matchByIds(shows, series, {
    plexIds: (show) => stableIdsFromGuids(show.Guid),
    targetIds: stableIdsOf,
    order: SHOW_ID_ORDER,
  });
}

/** Series id → its highest season number among the episodes (one pass: 100,000 episodes, 2,000 series). */
function newestSeasons(episodes: readonly Episode[]): Map<number, number> {
  const newest = new Map<number, number>();
  for (const e of episodes) {
    if (e.seasonNumber > (newest.get(e.seriesId) ?? 0)) newest.set(e.seriesId, e.seasonNumber);
  }
  return newest;
}

function newestSeason(series: Series, newestEpisodeSeason: number | undefined): number | undefined {
  const numbers = [...(series.seasons ?? []).map((s) => s.seasonNumber), newestEpisodeSeason ?? 0]
    .filter((n) => n > 0);
  return numbers.length === 0 ? undefined : Math.max(...numbers);
}

/** An ISO date in ms; undefined when absent or not a date. */
export function timeOf(iso: string | null | undefined): number | undefined {
  const at = Date.parse(iso ?? "");
  return Number.isFinite(at) ? at : undefined;
}
