/** Keys of interest marks: a series, its seasons and episodes hang under the series' stable key. */

export function seasonKey(seriesKey: string, season: number): string {
  return `${seriesKey}/s${season}`;
}

export function episodeKey(seriesKey: string, season: number, episode: number): string {
  return `${seriesKey}/s${season}e${episode}`;
}

/** The series' (or movie's) key a mark hangs under: `tvdb:81189/s2e5` → `tvdb:81189`. */
export function parentKeyOf(markKey: string): string {
  return markKey.split("/", 1)[0]!;
}

/** The keys that apply to an item, most specific first (episode → season → series; a movie has one). */
export function interestChain(parentKey: string, season?: number, episode?: number): string[] {
  if (season === undefined) return [parentKey];
  const chain = [seasonKey(parentKey, season), parentKey];
  return episode === undefined ? chain : [episodeKey(parentKey, season, episode), ...chain];
}
