/**
 * Stable ids of a show or movie (tvdb, tmdb, imdb): the only keys cleanup joins Plex and Sonarr/Radarr on.
 * Titles are never used: two shows may share a title, and Plex and Sonarr spell titles differently.
 */

export interface StableIds {
  tvdb?: number;
  tmdb?: number;
  imdb?: string;
}

/** Reads Plex `Guid` entries (`includeGuids=1`): `tvdb://81189`, `tmdb://1396`, `imdb://tt0903747`. */
export function stableIdsFromGuids(
  guids: readonly { id?: string | null | undefined }[] | null | undefined,
): StableIds {
  const ids: StableIds = {};
  for (const guid of guids ?? []) {
    const match = /^(tvdb|tmdb|imdb):\/\/(.+)$/.exec(guid.id ?? "");
    if (!match) continue;
    const [, scheme, value] = match as unknown as [string, "tvdb" | "tmdb" | "imdb", string];
    if (scheme === "imdb") {
      if (/^tt\d+$/.test(value)) ids.imdb = value;
    } else if (/^\d+$/.test(value) && Number(value) > 0) {
      ids[scheme] = Number(value);
    }
  }
  return ids;
}

/** Ids from Sonarr/Radarr fields (0, null and "" mean unknown). */
export function stableIdsOf(
  item: {
    tvdbId?: number | null | undefined;
    tmdbId?: number | null | undefined;
    imdbId?: string | null | undefined;
  },
): StableIds {
  const ids: StableIds = {};
  if (item.tvdbId) ids.tvdb = item.tvdbId;
  if (item.tmdbId) ids.tmdb = item.tmdbId;
  if (item.imdbId) ids.imdb = item.imdbId;
  return ids;
}

/** The key marks and reports use: the first id known in `order`, e.g. `tvdb:81189`; undefined when none. */
export function stableKey(ids: StableIds, order: readonly (keyof StableIds)[]): string | undefined {
  for (const scheme of order) {
    const value = ids[scheme];
    if (value !== undefined) return `${scheme}:${value}`;
  }
  return undefined;
}

export const SHOW_ID_ORDER = ["tvdb", "tmdb", "imdb"] as const;
export const MOVIE_ID_ORDER = ["tmdb", "imdb"] as const;
