/**
 * A generated household library for the cleanup benchmark: `series` Sonarr series (5 seasons × 10 episodes
 * each, every one with a file) known to Plex by tvdb id, 5 Plex accounts, and `plays` history rows. The rows
 * cycle over a fixed set of `watched` (episode, account) pairs, so a run with more plays has more rows but the
 * same watch state: what the preview holds should not grow with them. By default those episodes are the first
 * 100 series' (most of a real library is never started); `spread` puts some in every series.
 */
import { emptyMediaLibrary, type FakeMediaLibrary } from "../fakes/media_library_fake.ts";

export const BENCH_NOW = Date.UTC(2026, 10, 22, 4, 0, 0);
const DAY = 86_400_000;
const SEASONS = 5;
const EPISODES_PER_SEASON = 10;

export interface BenchLibraryOptions {
  series: number;
  plays: number;
  /** Distinct (episode, account) pairs the plays cycle over. @default 25_000 */
  watched?: number;
  users?: number;
  /**
   * Spread the watched episodes over every series (each one started by someone: the preview must read them
   * all), instead of the first `watched / users` episodes (100 series at the defaults). @default false
   */
  spread?: boolean;
}

export function benchLibrary(options: BenchLibraryOptions): FakeMediaLibrary {
  const users = options.users ?? 5;
  const watched = options.watched ?? 25_000;
  const lib = emptyMediaLibrary();
  lib.plex.accounts = Array.from({ length: users }, (_, i) => ({ id: i + 1, name: `user${i + 1}` }));
  lib.plex.sections = [{ key: "1", title: "TV", type: "show" }];
  const added = new Date(BENCH_NOW - 400 * DAY).toISOString();
  const episodeKeys: string[] = [];
  for (let s = 1; s <= options.series; s++) {
    const tvdbId = 100_000 + s;
    lib.plex.items.push({
      ratingKey: `s${s}`,
      type: "show",
      title: `Show ${s}`,
      section: "1",
      guids: [`tvdb://${tvdbId}`],
    });
    lib.sonarr.series.push({
      id: s,
      title: `Show ${s}`,
      tvdbId,
      status: s % 3 === 0 ? "continuing" : "ended",
      added,
      tags: [],
      seasons: Array.from({ length: SEASONS }, (_, i) => ({ seasonNumber: i + 1 })),
      statistics: { episodeFileCount: SEASONS * EPISODES_PER_SEASON },
    });
    for (let season = 1; season <= SEASONS; season++) {
      for (let e = 1; e <= EPISODES_PER_SEASON; e++) {
        const id = (s - 1) * SEASONS * EPISODES_PER_SEASON + (season - 1) * EPISODES_PER_SEASON + e;
        const ratingKey = `e${id}`;
        episodeKeys.push(ratingKey);
        lib.plex.items.push({
          ratingKey,
          type: "episode",
          title: `Episode ${e}`,
          section: "1",
          grandparentRatingKey: `s${s}`,
          parentIndex: season,
          index: e,
        });
        lib.sonarr.episodes.push({
          id,
          seriesId: s,
          seasonNumber: season,
          episodeNumber: e,
          hasFile: true,
          monitored: true,
          episodeFileId: id,
        });
        lib.sonarr.files.push({
          id,
          seriesId: s,
          seasonNumber: season,
          path: `/tv/Show ${s}/Season ${season}/S${season}E${e}.mkv`,
          size: 1_000_000_000 + id,
        });
      }
    }
  }
  const stride = options.spread ? Math.max(1, Math.floor(episodeKeys.length / (watched / users))) : 1;
  for (let j = 0; j < options.plays; j++) {
    const pair = j % watched;
    lib.plex.plays.push({
      ratingKey: episodeKeys[(Math.floor(pair / users) * stride) % episodeKeys.length]!,
      accountID: 1 + (pair % users),
      viewedAt: Math.floor((BENCH_NOW - 20 * DAY) / 1000) - j,
    });
  }
  return lib;
}
