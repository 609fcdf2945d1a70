/**
 * Which series can hold a candidate or a protected file at all (pure): one with a watched Plex episode (a
 * history play, or the owner's viewCount) or an interest mark under its key. Any other series has no audience,
 * so none of its files qualify, and its episodes need not be read: on a large library that is most of the
 * per-series Sonarr calls (series nobody has started). The test is wider than the rules (any account, any
 * mark), never narrower.
 */
import type { Series } from "../clients/media/sonarr.ts";
import type { InterestMark } from "./cleanup_facts.ts";
import { matchShows, type PlexShows } from "./episode_facts.ts";
import { parentKeyOf } from "./interest_key.ts";
import type { PlexWatches } from "./plex_watches.ts";
import { SHOW_ID_ORDER, stableIdsOf, stableKey } from "./stable_ids.ts";

export function seriesWithWatches(
  plex: PlexShows,
  watches: PlexWatches,
  marks: readonly InterestMark[],
): (series: readonly Series[]) => Set<number> {
  const watchedShows = new Set<string>();
  for (const leaf of plex.episodes) {
    if (
      leaf.ratingKey !== undefined && leaf.grandparentRatingKey !== undefined &&
      watches.byItem.has(leaf.ratingKey)
    ) {
      watchedShows.add(leaf.grandparentRatingKey);
    }
  }
  const markedSeries = new Set(marks.map((m) => parentKeyOf(m.key)));
  return (series) => {
    const shows = plex.shows.filter((show) =>
      show.ratingKey !== undefined && watchedShows.has(show.ratingKey)
    );
    const read = new Set(matchShows(shows, series).matched.map((m) => m.target.id));
    for (const s of series) {
      const key = stableKey(stableIdsOf(s), SHOW_ID_ORDER);
      if (key !== undefined && markedSeries.has(key)) read.add(s.id);
    }
    return read;
  };
}
