/**
 * A household's library for the cleanup tools (tests/integration/mcp/cleanup, the every-tool world): three Plex
 * accounts (Gran inactive), two Office series with the same Plex title, a show Plex knows only by a plex://
 * GUID, Shōgun known to Plex only by tmdb, Heat known to Plex only by imdb, and a movie tagged keep.
 */
import { emptyMediaLibrary, type FakeMediaLibrary } from "./media_library_fake.ts";

export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 10, 22, 4, 0, 0); // testDeps' clock
const ago = (days: number) => Math.floor((NOW - days * DAY) / 1000);
export const OWNER = 1;
export const KID = 2;
export const GRAN = 3;

export function householdLibrary(): FakeMediaLibrary {
  const lib = emptyMediaLibrary();
  lib.plex.accounts = [{ id: OWNER, name: "Owner" }, { id: KID, name: "Kid" }, { id: GRAN, name: "Gran" }];
  lib.plex.sections = [{ key: "1", title: "TV", type: "show" }, { key: "2", title: "Movies", type: "movie" }];
  const show = (ratingKey: string, title: string, guids: string[]) => ({
    ratingKey,
    type: "show" as const,
    title,
    section: "1",
    guids,
  });
  const ep = (ratingKey: string, showKey: string, season: number, index: number, extra = {}) => ({
    ratingKey,
    type: "episode" as const,
    title: `${showKey} ${season}x${index}`,
    section: "1",
    grandparentRatingKey: showKey,
    parentIndex: season,
    index,
    ...extra,
  });
  lib.plex.items = [
    show("us", "The Office", ["tvdb://73244", "imdb://tt0386676"]),
    show("uk", "The Office", ["tvdb://78107"]),
    show("home", "Home Movies", ["plex://show/5d9c"]),
    show("sho", "Shōgun (2024)", ["tmdb://126308"]),
    ep("us-1-1", "us", 1, 1),
    ep("us-2-1", "us", 2, 1, { viewCount: 1, lastViewedAt: ago(30) }), // owner's manual mark: no history row
    // Kid's own manual mark: no history row, seen only with Kid's token (plex_user:Kid).
    ep("us-1-2", "us", 1, 2, { viewedBy: { [KID]: ago(20) } }),
    ep("uk-1-1", "uk", 1, 1),
    ep("uk-2-1", "uk", 2, 1),
    ep("sho-1-1", "sho", 1, 1),
    {
      ratingKey: "m-heat",
      type: "movie",
      title: "Heat",
      section: "2",
      year: 1995,
      guids: ["imdb://tt0113277"],
    },
    { ratingKey: "m-up", type: "movie", title: "Up", section: "2", year: 2009, guids: ["tmdb://14160"] },
    { ratingKey: "m-heat86", type: "movie", title: "Heat", section: "2", year: 1986, guids: ["tmdb://999"] },
  ];
  lib.plex.plays = [
    { ratingKey: "us-1-1", accountID: OWNER, viewedAt: ago(40) },
    { ratingKey: "us-1-1", accountID: KID, viewedAt: ago(30) },
    { ratingKey: "us-2-1", accountID: KID, viewedAt: ago(25) },
    { ratingKey: "us-1-2", accountID: OWNER, viewedAt: ago(30) },
    // The row names the wrong show: only its leaf counts.
    { ratingKey: "uk-1-1", accountID: KID, viewedAt: ago(30), grandparentTitle: "The Office (US)" },
    { ratingKey: "uk-2-1", accountID: KID, viewedAt: ago(30) },
    { ratingKey: "sho-1-1", accountID: OWNER, viewedAt: ago(30) },
    { ratingKey: "m-heat", accountID: OWNER, viewedAt: ago(60) },
    { ratingKey: "m-heat", accountID: KID, viewedAt: ago(20) },
    { ratingKey: "m-up", accountID: OWNER, viewedAt: ago(60) },
    { ratingKey: "m-up", accountID: KID, viewedAt: ago(60) },
    { ratingKey: "m-heat", accountID: GRAN, viewedAt: ago(200) }, // inactive: not waited for
  ];
  const added = new Date(NOW - 400 * DAY).toISOString();
  lib.sonarr.tags = [{ id: 1, label: "keep" }];
  lib.sonarr.series = [
    {
      id: 1,
      title: "The Office (US)",
      tvdbId: 73244,
      status: "ended",
      added,
      tags: [],
      seasons: [{ seasonNumber: 1 }, { seasonNumber: 2 }],
    },
    {
      id: 2,
      title: "The Office (UK)",
      tvdbId: 78107,
      status: "continuing",
      added,
      tags: [],
      seasons: [{ seasonNumber: 1 }, { seasonNumber: 2 }],
    },
    {
      id: 3,
      title: "Shogun",
      tvdbId: 392573,
      tmdbId: 126308,
      status: "continuing",
      added,
      tags: [],
      seasons: [{ seasonNumber: 1 }],
    },
  ];
  const sonarrEp = (id: number, seriesId: number, season: number, number: number) => ({
    id,
    seriesId,
    seasonNumber: season,
    episodeNumber: number,
    hasFile: true,
    monitored: true,
    episodeFileId: 100 + id,
  });
  const episodes = [
    sonarrEp(11, 1, 1, 1),
    sonarrEp(12, 1, 2, 1),
    sonarrEp(13, 1, 1, 2),
    sonarrEp(21, 2, 1, 1),
    sonarrEp(22, 2, 2, 1),
    sonarrEp(31, 3, 1, 1),
  ];
  lib.sonarr.episodes = episodes;
  lib.sonarr.files = episodes.map((e) => ({
    id: e.episodeFileId,
    seriesId: e.seriesId,
    seasonNumber: e.seasonNumber,
    path: `/tv/${e.seriesId}/S${e.seasonNumber}E${e.episodeNumber}.mkv`,
    size: 1_000_000 * e.id,
  }));
  lib.radarr.tags = [{ id: 7, label: "Keep" }];
  lib.radarr.movies = [
    {
      id: 1,
      title: "Heat",
      tmdbId: 949,
      imdbId: "tt0113277",
      added,
      tags: [],
      monitored: true,
      hasFile: true,
      movieFile: { id: 501, path: "/movies/Heat (1995).mkv", size: 8_000_000_000 },
    },
    {
      id: 2,
      title: "Up",
      tmdbId: 14160,
      added,
      tags: [7],
      monitored: true,
      hasFile: true,
      movieFile: { id: 502, path: "/movies/Up (2009).mkv", size: 4_000_000_000 },
    },
  ];
  return lib;
}
