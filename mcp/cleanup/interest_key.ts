/** Keys of interest marks: a series, its seasons and episodes hang under the series' stable key. */

export function seasonKey(seriesKey: string, season: number): string {
  return `${seriesKey}/s${season}`;
}

export function episodeKey(seriesKey: string, season: number, episode: number): string {
  return `${seriesKey}/s${season}e${episode}`;
}

/** The keys that apply to an item, most specific first (episode → season → series; a movie has one). */
export function interestChain(parentKey: string, season?: number, episode?: number): string[] {
  if (season === undefined) return [parentKey];
  const chain = [seasonKey(parentKey, season), parentKey];
  return episode === undefined ? chain : [episodeKey(parentKey, season, episode), ...chain];
}
