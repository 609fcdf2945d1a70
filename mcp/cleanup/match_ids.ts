import type { StableIds } from "./stable_ids.ts";

/**
 * Joins Plex items to Sonarr/Radarr items by stable ids, trying each scheme in `order` (shows: tvdb, tmdb,
 * imdb; movies: tmdb, imdb). A scheme is used only when it points at exactly one target; an item no scheme
 * resolves is unmatched, never guessed.
 */
export interface IdMatch<P, T> {
  matched: { plex: P; target: T; by: keyof StableIds }[];
  unmatched: P[];
}

export function matchByIds<P, T>(
  plexItems: readonly P[],
  targets: readonly T[],
  options: {
    plexIds: (item: P) => StableIds;
    targetIds: (item: T) => StableIds;
    order: readonly (keyof StableIds)[];
  },
): IdMatch<P, T> {
  const indexes = new Map<keyof StableIds, Map<string, T[]>>();
  for (const scheme of options.order) {
    const index = new Map<string, T[]>();
    for (const target of targets) {
      const value = options.targetIds(target)[scheme];
      if (value === undefined) continue;
      const key = String(value);
      index.set(key, [...(index.get(key) ?? []), target]);
    }
    indexes.set(scheme, index);
  }
  const result: IdMatch<P, T> = { matched: [], unmatched: [] };
  for (const plex of plexItems) {
    const ids = options.plexIds(plex);
    const found = options.order.map((scheme) => {
      const value = ids[scheme];
      const hits = value === undefined ? [] : indexes.get(scheme)?.get(String(value)) ?? [];
      return { scheme, hits };
    }).find(({ hits }) => hits.length === 1);
    if (found?.hits[0] !== undefined) result.matched.push({ plex, target: found.hits[0], by: found.scheme });
    else result.unmatched.push(plex);
  }
  return result;
}
