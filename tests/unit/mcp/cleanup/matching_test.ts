import assert from "node:assert/strict";
import {
  historyItemSchema,
  metadataItemSchema,
  type PlexHistoryItem,
  type PlexMetadata,
} from "../../../../mcp/clients/media/plex_schemas.ts";
import type { Episode, EpisodeFile, Series } from "../../../../mcp/clients/media/sonarr.ts";
import type { Movie } from "../../../../mcp/clients/media/radarr.ts";
import { episodeFacts } from "../../../../mcp/cleanup/episode_facts.ts";
import { movieFacts } from "../../../../mcp/cleanup/movie_facts.ts";
import {
  addHistoryPage,
  addOwnerViewCounts,
  emptyPlexWatches,
} from "../../../../mcp/cleanup/plex_watches.ts";
import { stableIdsFromGuids } from "../../../../mcp/cleanup/stable_ids.ts";

const AT = 1_750_000_000; // seconds
/** Through the client's own schemas, as the client would hand them over. */
const meta = (raw: Record<string, unknown>): PlexMetadata => metadataItemSchema.parse(raw);
const row = (raw: Record<string, unknown>): PlexHistoryItem => historyItemSchema.parse(raw);

const show = (ratingKey: string, title: string, guids: string[]): PlexMetadata =>
  meta({ ratingKey, title, type: "show", Guid: guids.map((id) => ({ id })) });
const leaf = (ratingKey: string, showKey: string, season: number, index: number): PlexMetadata =>
  meta({ ratingKey, type: "episode", grandparentRatingKey: showKey, parentIndex: season, index });
const play = (ratingKey: string, accountID: number, extra: Record<string, unknown> = {}): PlexHistoryItem =>
  row({ ratingKey, accountID, viewedAt: AT, ...extra });
const series = (id: number, title: string, ids: Partial<Series>): Series => ({
  id,
  title,
  status: "ended",
  added: "2020-01-01T00:00:00Z",
  ...ids,
});
const ep = (id: number, seriesId: number, season: number, number: number): Episode => ({
  id,
  seriesId,
  seasonNumber: season,
  episodeNumber: number,
  hasFile: true,
  episodeFileId: id + 100,
});
const file = (id: number): EpisodeFile => ({ id, path: `/tv/${id}.mkv`, size: 10 });

Deno.test("stableIdsFromGuids() reads tvdb, tmdb and imdb and ignores anything else", () => {
  assert.deepEqual(
    stableIdsFromGuids([
      { id: "tvdb://81189" },
      { id: "tmdb://1396" },
      { id: "imdb://tt0903747" },
      { id: "plex://show/5d9c" },
      { id: "tvdb://0" },
      { id: "imdb://nope" },
    ]),
    { tvdb: 81189, tmdb: 1396, imdb: "tt0903747" },
  );
  assert.deepEqual(stableIdsFromGuids(undefined), {});
});

Deno.test("episodeFacts() joins shows by stable ids, never by title", async (t) => {
  await t.step("two shows with the same title go to their own series", () => {
    const plex = {
      shows: [show("s1", "The Office", ["tvdb://73244"]), show("s2", "The Office", ["tvdb://78107"])],
      episodes: [leaf("e1", "s1", 1, 1), leaf("e2", "s2", 1, 1)],
    };
    const sonarr = {
      series: [
        series(1, "The Office (US)", { tvdbId: 73244 }),
        series(2, "The Office (UK)", { tvdbId: 78107 }),
      ],
      tags: [],
      episodes: [ep(11, 1, 1, 1), ep(21, 2, 1, 1)],
      files: [file(111), file(121)],
    };
    const watches = addHistoryPage(emptyPlexWatches(), [play("e2", 5)]);
    const { facts, unmatched } = episodeFacts(sonarr, plex, watches, []);
    const watchedItems = facts.items.filter((i) => i.watches.size > 0).map((i) => i.itemId);
    assert.deepEqual(watchedItems, [21]);
    assert.deepEqual(unmatched, []);
  });
  await t.step(
    "a Plex title that differs from Sonarr's still matches; a show without a known id is listed",
    () => {
      const plex = {
        shows: [
          show("s1", "Shōgun (2024)", ["imdb://tt2788316", "tmdb://126308"]),
          show("s3", "Home Movies", ["plex://show/abc"]),
        ],
        episodes: [leaf("e1", "s1", 1, 2)],
      };
      const sonarr = {
        series: [
          series(7, "Shogun", { tvdbId: 392573, tmdbId: 126308 }),
          series(8, "Home Movies", { tvdbId: 1 }),
        ],
        tags: [],
        episodes: [ep(71, 7, 1, 2)],
        files: [file(171)],
      };
      const watches = addHistoryPage(emptyPlexWatches(), [play("e1", 2)]);
      const { facts, unmatched } = episodeFacts(sonarr, plex, watches, []);
      assert.deepEqual([...(facts.items[0]?.watches.keys() ?? [])], [2]);
      assert.deepEqual(unmatched, [{ title: "Home Movies", guids: ["plex://show/abc"] }]);
      assert.equal(facts.parents.find((p) => p.id === 7)?.key, "tvdb:392573");
    },
  );
  await t.step("history rows with a wrong show key are mapped by their leaf", () => {
    const plex = {
      shows: [show("s1", "A", ["tvdb://1"]), show("s2", "B", ["tvdb://2"])],
      episodes: [leaf("e1", "s1", 2, 3)],
    };
    const sonarr = {
      series: [series(1, "A", { tvdbId: 1 }), series(2, "B", { tvdbId: 2 })],
      tags: [],
      episodes: [ep(13, 1, 2, 3), ep(23, 2, 2, 3)],
      files: [file(113), file(123)],
    };
    // The row claims show s2 and another title; only its leaf ratingKey is trusted.
    const rows = [play("e1", 3, { grandparentTitle: "B", key: "/library/metadata/s2", title: "Wrong" })];
    const { facts } = episodeFacts(sonarr, plex, addHistoryPage(emptyPlexWatches(), rows), []);
    assert.deepEqual(facts.items.filter((i) => i.watches.size > 0).map((i) => i.itemId), [13]);
    assert.deepEqual(facts.parents.find((p) => p.id === 1)?.viewers, [3]);
    assert.deepEqual(facts.parents.find((p) => p.id === 2)?.viewers, []);
  });
  await t.step("an episode without a file is not an item, but its viewers join the audience", () => {
    const plex = { shows: [show("s1", "A", ["tvdb://1"])], episodes: [leaf("e1", "s1", 1, 1)] };
    const sonarr = {
      series: [series(1, "A", { tvdbId: 1 })],
      tags: [{ id: 4, label: "Keep" }],
      episodes: [{ ...ep(11, 1, 1, 1), hasFile: false, episodeFileId: 0 }],
      files: [],
    };
    const { facts } = episodeFacts(sonarr, plex, addHistoryPage(emptyPlexWatches(), [play("e1", 9)]), []);
    assert.deepEqual(facts.items, []);
    assert.deepEqual(facts.parents[0]?.viewers, [9]);
  });
});

Deno.test("movieFacts() matches by tmdb, then imdb only", () => {
  const plexMovies = [
    meta({ ratingKey: "m1", title: "Heat", Guid: [{ id: "imdb://tt0113277" }] }),
    meta({ ratingKey: "m2", title: "Heat", year: 1986, Guid: [{ id: "tmdb://999" }] }),
  ];
  const movies: Movie[] = [
    {
      id: 1,
      title: "Heat",
      tmdbId: 949,
      imdbId: "tt0113277",
      movieFile: { id: 5, path: "/m/heat.mkv", size: 7 },
    },
    { id: 2, title: "Heat", tmdbId: 42, movieFile: { id: 6, path: "/m/heat2.mkv", size: 8 } },
  ];
  const watches = addHistoryPage(emptyPlexWatches(), [play("m1", 1), play("m2", 1)]);
  const { facts, unmatched } = movieFacts({ movies, tags: [] }, plexMovies, watches, []);
  assert.deepEqual(facts.items.map((i) => [i.itemId, [...i.watches.keys()]]), [[1, [1]], [2, []]]);
  assert.deepEqual(unmatched, [{ title: "Heat", year: 1986, guids: ["tmdb://999"] }]);
});

Deno.test("addOwnerViewCounts() counts a manual mark as watched for the owner only, with its time", () => {
  const watches = addOwnerViewCounts(emptyPlexWatches(), [
    meta({ ratingKey: "a", viewCount: 1, lastViewedAt: AT }),
    meta({ ratingKey: "b", viewCount: 0, lastViewedAt: AT }),
    meta({ ratingKey: "c", viewCount: 2 }),
  ]);
  assert.deepEqual([...watches.byItem.keys()], ["a"]);
  assert.deepEqual([...(watches.byItem.get("a") ?? [])], [[1, AT * 1000]]);
});

Deno.test("addHistoryPage() keeps the latest watch per leaf and account, and skips incomplete rows", () => {
  const watches = emptyPlexWatches();
  addHistoryPage(watches, [
    play("a", 1, { viewedAt: AT - 10 }),
    play("a", 1),
    play("a", 2, { viewedAt: AT - 5 }),
  ]);
  addHistoryPage(watches, [row({ ratingKey: "b", viewedAt: AT }), row({ accountID: 1, viewedAt: AT })]);
  assert.deepEqual([...(watches.byItem.get("a") ?? [])], [[1, AT * 1000], [2, (AT - 5) * 1000]]);
  assert.equal(watches.byItem.size, 1);
  assert.equal(watches.lastPlay.get(1), AT * 1000);
});
