/** Radarr's movies joined to Plex watch state (pure): a Plex movie matches by tmdb, then imdb. */
import type { Tag } from "../clients/media/arr_schemas.ts";
import type { PlexLibraryItem } from "../clients/media/plex_schemas.ts";
import type { Movie } from "../clients/media/radarr.ts";
import type { CleanupFacts, CleanupItem, CleanupParent, InterestMark } from "./cleanup_facts.ts";
import { timeOf } from "./episode_facts.ts";
import { matchByIds } from "./match_ids.ts";
import { mergeWatches, type PlexWatches } from "./plex_watches.ts";
import { MOVIE_ID_ORDER, stableIdsFromGuids, stableIdsOf, stableKey } from "./stable_ids.ts";
import { type Unmatched, unmatchedOf } from "./unmatched.ts";

export interface RadarrLibrary {
  movies: readonly Movie[];
  tags: readonly Tag[];
}

export function movieFacts(
  radarr: RadarrLibrary,
  plexMovies: readonly PlexLibraryItem[],
  watches: PlexWatches,
  marks: readonly InterestMark[],
): { facts: CleanupFacts; unmatched: Unmatched[] } {
  const match = matchByIds(plexMovies, radarr.movies, {
    plexIds: (movie) => stableIdsFromGuids(movie.Guid),
    targetIds: stableIdsOf,
    order: MOVIE_ID_ORDER,
  });
  const watchesOf = new Map<number, Map<number, number>>();
  for (const { plex, target } of match.matched) {
    const seen = plex.ratingKey === undefined ? undefined : watches.byItem.get(plex.ratingKey);
    if (seen === undefined) continue;
    watchesOf.set(target.id, mergeWatches(watchesOf.get(target.id) ?? new Map(), seen));
  }
  const labels = new Map(radarr.tags.map((t) => [t.id, t.label.toLowerCase()]));
  const parents: CleanupParent[] = radarr.movies.map((m) => ({
    id: m.id,
    title: m.title ?? "",
    key: stableKey(stableIdsOf(m), MOVIE_ID_ORDER),
    addedAt: timeOf(m.added),
    tags: (m.tags ?? []).map((id) => labels.get(id) ?? `#${id}`),
  }));
  const items: CleanupItem[] = radarr.movies.flatMap((m) =>
    m.movieFile
      ? [{
        parentId: m.id,
        itemId: m.id,
        fileId: m.movieFile.id,
        path: m.movieFile.path ?? m.movieFile.relativePath ?? "",
        sizeBytes: m.movieFile.size ?? 0,
        watches: watchesOf.get(m.id) ?? new Map(),
      }]
      : []
  );
  return {
    facts: { service: "radarr", parents, items, marks, unreadable: [] },
    unmatched: match.unmatched.map(unmatchedOf),
  };
}
