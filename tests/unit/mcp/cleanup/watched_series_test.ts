import assert from "node:assert/strict";
import fc from "fast-check";
import { readSonarrLibrary, type SonarrReads } from "../../../../mcp/cleanup/arr_library.ts";
import type { InterestMark } from "../../../../mcp/cleanup/cleanup_facts.ts";
import { episodeFacts, type SonarrLibrary } from "../../../../mcp/cleanup/episode_facts.ts";
import {
  addHistoryPage,
  addOwnerViewCounts,
  emptyPlexWatches,
  type PlexWatches,
} from "../../../../mcp/cleanup/plex_watches.ts";
import { decideCleanup } from "../../../../mcp/cleanup/rules.ts";
import { seriesWithWatches } from "../../../../mcp/cleanup/watched_series.ts";
import {
  historyItemSchema,
  metadataItemSchema,
  type PlexMetadata,
} from "../../../../mcp/clients/media/plex_schemas.ts";
import type { Episode, EpisodeFile, Series } from "../../../../mcp/clients/media/sonarr.ts";
import { ok } from "../../../../shared/result.ts";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const AT = Math.floor((NOW - 30 * DAY) / 1000); // seconds, past the grace period

const meta = (raw: Record<string, unknown>): PlexMetadata => metadataItemSchema.parse(raw);
/** Series n: tvdb 1000+n in Sonarr; in Plex show `s<n>` (tmdb only for odd n, so both schemes are used). */
const seriesOf = (n: number, episodeFiles: number): Series => ({
  id: n,
  title: `Show ${n}`,
  tvdbId: 1000 + n,
  tmdbId: 5000 + n,
  status: n % 2 === 0 ? "ended" : "continuing",
  added: "2020-01-01T00:00:00Z",
  seasons: [{ seasonNumber: 1 }, { seasonNumber: 2 }],
  statistics: { episodeFileCount: episodeFiles },
});
const showOf = (n: number) =>
  meta({
    ratingKey: `s${n}`,
    type: "show",
    title: `Plex title ${n}`,
    Guid: [{ id: n % 2 === 1 ? `tmdb://${5000 + n}` : `tvdb://${1000 + n}` }],
  });
const leafKey = (n: number, season: number, e: number) => `e${n}-${season}-${e}`;

/** A small library: `count` series of 2 seasons × 2 episodes, each with its own file. */
function library(count: number) {
  const series: Series[] = [];
  const episodes: Episode[] = [];
  const files: EpisodeFile[] = [];
  const shows: PlexMetadata[] = [];
  const leaves: PlexMetadata[] = [];
  for (let n = 1; n <= count; n++) {
    series.push(seriesOf(n, 4));
    shows.push(showOf(n));
    for (const season of [1, 2]) {
      for (const e of [1, 2]) {
        const id = n * 100 + season * 10 + e;
        episodes.push({
          id,
          seriesId: n,
          seasonNumber: season,
          episodeNumber: e,
          hasFile: true,
          episodeFileId: id,
        });
        files.push({ id, seriesId: n, seasonNumber: season, path: `/tv/${n}/${season}/${e}.mkv`, size: id });
        leaves.push(meta({
          ratingKey: leafKey(n, season, e),
          type: "episode",
          grandparentRatingKey: `s${n}`,
          parentIndex: season,
          index: e,
        }));
      }
    }
  }
  return {
    sonarr: { series, tags: [], episodes, files } as SonarrLibrary,
    plex: { shows, episodes: leaves },
  };
}

function reads(lib: SonarrLibrary, calls: number[]): SonarrReads {
  return {
    series: () => Promise.resolve(ok([...lib.series])),
    tags: () => Promise.resolve(ok([])),
    episodes: (seriesId) => {
      calls.push(seriesId);
      return Promise.resolve(ok(
        lib.episodes.filter((e) => e.seriesId === seriesId).map((e) => ({
          ...e,
          episodeFile: lib.files.find((f) => f.id === e.episodeFileId),
        })),
      ));
    },
    episodeFiles: () => Promise.resolve(ok([])),
  };
}

const watchesOf = (plays: [n: number, season: number, e: number, account: number][]): PlexWatches =>
  addHistoryPage(
    emptyPlexWatches(),
    plays.map(([n, season, e, accountID]) =>
      historyItemSchema.parse({ ratingKey: leafKey(n, season, e), accountID, viewedAt: AT })
    ),
  );

Deno.test("seriesWithWatches() keeps the series someone started or marked, matched by ids", () => {
  const { sonarr, plex } = library(6);
  const watches = watchesOf([[1, 1, 1, 2], [2, 2, 2, 3]]);
  // The owner's manual mark: no history row, only viewCount on the leaf.
  const marked = plex.episodes.map((leaf) =>
    leaf.ratingKey === leafKey(3, 1, 2) ? { ...leaf, viewCount: 1, lastViewedAt: AT } : leaf
  );
  addOwnerViewCounts(watches, marked);
  const marks: InterestMark[] = [{ accountId: 2, key: "tvdb:1004/s1e1", state: "done", at: NOW }];
  const pick = seriesWithWatches({ shows: plex.shows, episodes: marked }, watches, marks);
  assert.deepEqual([...pick(sonarr.series)].sort(), [1, 2, 3, 4]);
  // A watched Plex show that matches no series names none; a watch on a leaf of an unknown show neither.
  const orphan = seriesWithWatches(plex, watchesOf([[9, 1, 1, 1]]), []);
  assert.deepEqual([...orphan(sonarr.series)], []);
});

Deno.test("readSonarrLibrary() reads only the series worth reading and counts the others' files", async () => {
  const { sonarr } = library(5);
  const calls: number[] = [];
  const read = await readSonarrLibrary(reads(sonarr, calls), undefined, () => new Set([2, 4]));
  assert.ok(read.ok);
  assert.deepEqual(calls.sort(), [2, 4]);
  assert.equal(read.value.series.length, 5, "every series is still known (tags, unmatched)");
  assert.deepEqual([...new Set(read.value.episodes.map((e) => e.seriesId))].sort(), [2, 4]);
  assert.equal(read.value.unreadFiles, 12);
});

Deno.test("reading only started series never changes the preview (property)", async () => {
  await fc.assert(fc.asyncProperty(
    fc.array(
      fc.tuple(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 3 }),
      ),
      { maxLength: 30 },
    ),
    fc.array(
      fc.record({
        accountId: fc.integer({ min: 1, max: 3 }),
        key: fc.constantFrom("tvdb:1002", "tvdb:1004/s2", "tvdb:1006/s1e2", "tvdb:1001", "tvdb:9999"),
        state: fc.constantFrom("keep" as const, "done" as const),
        at: fc.constant(NOW - 20 * DAY),
      }),
      { maxLength: 4 },
    ),
    fc.constantFrom([1, 2, 3], [1, 2], [2]),
    async (plays, marks, activeUsers) => {
      const { sonarr, plex } = library(8);
      const watches = watchesOf(plays);
      const rules = {
        now: NOW,
        minDaysSinceWatched: 14,
        keepTag: "keep",
        activeUsers,
        requiredWatchers: "all_active" as const,
      };
      const all = decideCleanup(episodeFacts(sonarr, plex, watches, marks).facts, rules);
      const calls: number[] = [];
      const some = await readSonarrLibrary(
        reads(sonarr, calls),
        undefined,
        seriesWithWatches(plex, watches, marks),
      );
      assert.ok(some.ok);
      const few = decideCleanup(episodeFacts(some.value, plex, watches, marks).facts, rules);
      const files = (v: typeof all) => ({
        candidates: v.candidates.map((c) => [c.fileId, c.reason]),
        protected: v.protected.map((p) => [p.fileId, p.why]),
        totalBytes: v.totalBytes,
      });
      assert.deepEqual(files(few), files(all));
      assert.equal(few.notWatched + (some.value.unreadFiles ?? 0), all.notWatched);
      assert.ok(calls.length <= new Set(plays.map(([n]) => n)).size + marks.length);
    },
  ));
});
