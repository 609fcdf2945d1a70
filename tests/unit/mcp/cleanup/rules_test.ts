import assert from "node:assert/strict";
import fc from "fast-check";
import type {
  CleanupFacts,
  CleanupItem,
  CleanupParent,
  CleanupRules,
  InterestMark,
} from "../../../../mcp/cleanup/cleanup_facts.ts";
import { decideCleanup } from "../../../../mcp/cleanup/rules.ts";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const ALICE = 1;
const BOB = 2;
const CAROL = 3;

const rules = (over: Partial<CleanupRules> = {}): CleanupRules => ({
  now: NOW,
  minDaysSinceWatched: 14,
  keepTag: "keep",
  activeUsers: [ALICE, BOB],
  requiredWatchers: "all_active",
  ...over,
});

const series = (over: Partial<CleanupParent> = {}): CleanupParent => ({
  id: 10,
  title: "Show",
  key: "tvdb:100",
  addedAt: NOW - 400 * DAY,
  tags: [],
  ended: false,
  newestSeason: 3,
  ...over,
});

let nextId = 1;
const episode = (season: number, number: number, watches: [number, number][]): CleanupItem => ({
  parentId: 10,
  itemId: nextId++,
  season,
  episode: number,
  fileId: 1000 + nextId,
  path: `/tv/Show/S${season}E${number}.mkv`,
  sizeBytes: 1_000,
  watches: new Map(watches.map(([id, daysAgo]) => [id, NOW - daysAgo * DAY])),
});

const movie = (watches: [number, number][], over: Partial<CleanupItem> = {}): CleanupItem => ({
  parentId: 20,
  itemId: 20,
  fileId: 2020,
  path: "/movies/M.mkv",
  sizeBytes: 5_000,
  watches: new Map(watches.map(([id, daysAgo]) => [id, NOW - daysAgo * DAY])),
  ...over,
});
const movieParent = (over: Partial<CleanupParent> = {}): CleanupParent => ({
  id: 20,
  title: "Movie",
  key: "tmdb:603",
  addedAt: NOW - 400 * DAY,
  tags: [],
  ...over,
});

const tv = (items: CleanupItem[], over: Partial<CleanupFacts> = {}, parent = series()): CleanupFacts => ({
  service: "sonarr",
  parents: [parent],
  items,
  marks: [],
  unreadable: [],
  ...over,
});
const films = (
  items: CleanupItem[],
  over: Partial<CleanupFacts> = {},
  parent = movieParent(),
): CleanupFacts => ({
  service: "radarr",
  parents: [parent],
  items,
  marks: [],
  unreadable: [],
  ...over,
});
const mark = (accountId: number, key: string, state: "keep" | "done", daysAgo = 30): InterestMark => ({
  accountId,
  key,
  state,
  at: NOW - daysAgo * DAY,
});

Deno.test("decideCleanup() takes an episode every viewer of the series watched long enough ago", () => {
  const ep = episode(1, 1, [[ALICE, 30], [BOB, 20]]);
  const verdict = decideCleanup(tv([ep]), rules());
  assert.deepEqual(verdict.candidates.map((c) => c.itemId), [ep.itemId]);
  assert.deepEqual(verdict.candidates[0]?.watchedBy, [ALICE, BOB]);
  assert.equal(verdict.candidates[0]?.lastWatched, NOW - 20 * DAY);
  assert.equal(verdict.totalBytes, 1_000);
  assert.match(verdict.candidates[0]?.reason ?? "", /2 active viewer/);
});

Deno.test("decideCleanup() waits for every member of the series' audience", async (t) => {
  await t.step("a viewer of another episode who has not seen this one keeps it", () => {
    const seen = episode(1, 1, [[ALICE, 30], [BOB, 30]]);
    const half = episode(1, 2, [[ALICE, 30]]);
    const verdict = decideCleanup(tv([seen, half]), rules());
    assert.deepEqual(verdict.candidates.map((c) => c.itemId), [seen.itemId]);
    assert.equal(verdict.notWatched, 1);
  });
  await t.step("someone who never watched the series is not waited for", () => {
    const ep = episode(1, 1, [[ALICE, 30]]);
    assert.equal(decideCleanup(tv([ep]), rules()).candidates.length, 1);
  });
  await t.step("an audience member from a Plex-only episode (no file) is waited for", () => {
    const ep = episode(1, 1, [[ALICE, 30]]);
    const verdict = decideCleanup(tv([ep], {}, series({ viewers: [BOB] })), rules());
    assert.equal(verdict.candidates.length, 0);
    assert.equal(verdict.notWatched, 1);
  });
  await t.step("an inactive user's watch neither counts nor blocks", () => {
    const ep = episode(1, 1, [[CAROL, 30]]);
    assert.equal(decideCleanup(tv([ep]), rules()).candidates.length, 0);
    const both = episode(1, 1, [[CAROL, 30], [ALICE, 30]]);
    assert.deepEqual(decideCleanup(tv([both]), rules()).candidates[0]?.watchedBy, [ALICE]);
  });
  await t.step("nobody active watched: nothing qualifies", () => {
    const ep = episode(1, 1, [[ALICE, 30]]);
    assert.equal(decideCleanup(tv([ep]), rules({ activeUsers: [] })).candidates.length, 0);
  });
});

Deno.test("decideCleanup() keeps the grace period after the last watch and after adding", async (t) => {
  await t.step("the last watch of the quorum is too recent", () => {
    const ep = episode(1, 1, [[ALICE, 30], [BOB, 13]]);
    const verdict = decideCleanup(tv([ep]), rules());
    assert.equal(verdict.candidates.length, 0);
    assert.match(verdict.protected[0]?.why ?? "", /last watched 13 days ago/);
  });
  await t.step("exactly the grace period qualifies", () => {
    const ep = episode(1, 1, [[ALICE, 14]]);
    assert.equal(decideCleanup(tv([ep]), rules()).candidates.length, 1);
  });
  await t.step("a series added within the grace period is protected", () => {
    const ep = episode(1, 1, [[ALICE, 30]]);
    const verdict = decideCleanup(tv([ep], {}, series({ addedAt: NOW - 3 * DAY })), rules());
    assert.match(verdict.protected[0]?.why ?? "", /added 3 days ago/);
  });
  await t.step("an unknown added date protects", () => {
    const ep = episode(1, 1, [[ALICE, 30]]);
    const verdict = decideCleanup(tv([ep], {}, series({ addedAt: undefined })), rules());
    assert.match(verdict.protected[0]?.why ?? "", /added date unknown/);
  });
  await t.step("a shorter override lets it go", () => {
    const ep = episode(1, 1, [[ALICE, 5]]);
    assert.equal(decideCleanup(tv([ep]), rules({ minDaysSinceWatched: 3 })).candidates.length, 1);
  });
});

Deno.test("decideCleanup() never takes specials or the newest season of a continuing series", async (t) => {
  await t.step("season 0", () => {
    const ep = episode(0, 1, [[ALICE, 30]]);
    const verdict = decideCleanup(tv([ep]), rules());
    assert.match(verdict.protected[0]?.why ?? "", /season 0/);
  });
  await t.step("newest season, continuing", () => {
    const ep = episode(3, 1, [[ALICE, 30]]);
    const verdict = decideCleanup(tv([ep]), rules());
    assert.match(verdict.protected[0]?.why ?? "", /newest season of a continuing series/);
  });
  await t.step("newest season, ended: may go", () => {
    const ep = episode(3, 1, [[ALICE, 30]]);
    const verdict = decideCleanup(tv([ep], {}, series({ ended: true })), rules());
    assert.equal(verdict.candidates.length, 1);
    assert.match(verdict.candidates[0]?.reason ?? "", /series ended/);
  });
});

Deno.test("decideCleanup() lets keep marks and the keep tag win, with inheritance", async (t) => {
  await t.step("a series mark keeps every episode", () => {
    const ep = episode(1, 1, [[ALICE, 30], [BOB, 30]]);
    const verdict = decideCleanup(tv([ep], { marks: [mark(BOB, "tvdb:100", "keep")] }), rules());
    assert.equal(verdict.candidates.length, 0);
    assert.match(verdict.protected[0]?.why ?? "", /kept by account 2/);
  });
  await t.step("a season mark keeps only that season", () => {
    const one = episode(1, 1, [[ALICE, 30]]);
    const two = episode(2, 1, [[ALICE, 30]]);
    const verdict = decideCleanup(tv([one, two], { marks: [mark(ALICE, "tvdb:100/s2", "keep")] }), rules());
    assert.deepEqual(verdict.candidates.map((c) => c.itemId), [one.itemId]);
    assert.deepEqual(verdict.protected.map((c) => c.itemId), [two.itemId]);
  });
  await t.step("an episode mark overrides the series mark of the same person", () => {
    const ep = episode(1, 1, [[ALICE, 30]]);
    const marks = [mark(ALICE, "tvdb:100", "keep"), mark(ALICE, "tvdb:100/s1e1", "done")];
    assert.equal(decideCleanup(tv([ep], { marks }), rules()).candidates.length, 1);
  });
  await t.step("a mark on another show with the same title does nothing", () => {
    const ep = episode(1, 1, [[ALICE, 30]]);
    const verdict = decideCleanup(tv([ep], { marks: [mark(ALICE, "tvdb:999", "keep")] }), rules());
    assert.equal(verdict.candidates.length, 1);
  });
  await t.step("a Sonarr tag named like the keep tag", () => {
    const ep = episode(1, 1, [[ALICE, 30]]);
    const verdict = decideCleanup(tv([ep], {}, series({ tags: ["keep"] })), rules());
    assert.match(verdict.protected[0]?.why ?? "", /tagged "keep"/);
    const other = decideCleanup(tv([ep], {}, series({ tags: ["hold"] })), rules({ keepTag: "Hold" }));
    assert.match(other.protected[0]?.why ?? "", /tagged "Hold"/);
  });
});

Deno.test("decideCleanup() counts done as watched", async (t) => {
  await t.step("done fills in for a missing watch", () => {
    const ep = episode(1, 1, [[ALICE, 30]]);
    const marks = [mark(BOB, "tvdb:100/s1", "done", 20)];
    const verdict = decideCleanup(tv([ep], { marks }), rules());
    assert.deepEqual(verdict.candidates[0]?.watchedBy, [ALICE, BOB]);
  });
  await t.step("done makes its author part of the audience", () => {
    const ep = episode(1, 1, [[ALICE, 30]]);
    const other = episode(1, 2, [[ALICE, 30]]);
    const marks = [mark(BOB, "tvdb:100/s1e2", "done", 20)];
    const verdict = decideCleanup(tv([ep, other], { marks }), rules());
    assert.deepEqual(verdict.candidates.map((c) => c.itemId), [other.itemId]);
  });
  await t.step("a recent done mark is within the grace period", () => {
    const ep = episode(1, 1, [[ALICE, 30]]);
    const verdict = decideCleanup(tv([ep], { marks: [mark(BOB, "tvdb:100", "done", 2)] }), rules());
    assert.equal(verdict.candidates.length, 0);
    assert.equal(verdict.protected.length, 1);
  });
});

Deno.test("decideCleanup() for movies asks the required watchers", async (t) => {
  await t.step("all_active: everyone active must have watched", () => {
    assert.equal(decideCleanup(films([movie([[ALICE, 30]])]), rules()).candidates.length, 0);
    assert.equal(decideCleanup(films([movie([[ALICE, 30], [BOB, 30]])]), rules()).candidates.length, 1);
  });
  await t.step("audience: one active watcher is enough", () => {
    const verdict = decideCleanup(films([movie([[ALICE, 30]])]), rules({ requiredWatchers: "audience" }));
    assert.deepEqual(verdict.candidates[0]?.watchedBy, [ALICE]);
    assert.equal(
      decideCleanup(films([movie([])]), rules({ requiredWatchers: "audience" })).candidates.length,
      0,
    );
  });
  await t.step("a list names exactly whose watch counts", () => {
    const m = movie([[CAROL, 30]]);
    assert.equal(decideCleanup(films([m]), rules({ requiredWatchers: [CAROL] })).candidates.length, 1);
    assert.equal(decideCleanup(films([m]), rules({ requiredWatchers: [CAROL, BOB] })).candidates.length, 0);
  });
  await t.step("a keep mark on the movie and the tag protect", () => {
    const m = movie([[ALICE, 30], [BOB, 30]]);
    const kept = decideCleanup(films([m], { marks: [mark(ALICE, "tmdb:603", "keep")] }), rules());
    assert.equal(kept.protected.length, 1);
    const tagged = decideCleanup(films([m], {}, movieParent({ tags: ["keep"] })), rules());
    assert.equal(tagged.protected.length, 1);
  });
});

Deno.test("decideCleanup() fails closed: any unreadable source means no candidates", () => {
  fc.assert(fc.property(
    fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.constantFrom(ALICE, BOB), fc.integer({ min: 0, max: 400 })), { maxLength: 4 }),
    (unreadable, watches) => {
      const verdict = decideCleanup(tv([episode(1, 1, watches)], { unreadable }), rules());
      assert.deepEqual(verdict.candidates, []);
      assert.deepEqual(verdict.unreadable, unreadable);
    },
  ));
  const readable = decideCleanup(tv([episode(1, 1, [[ALICE, 30]])]), rules());
  assert.equal(readable.candidates.length, 1);
});

Deno.test("decideCleanup() never offers an item someone kept or a season 0 file, whatever the watches", () => {
  fc.assert(fc.property(
    fc.array(
      fc.record({
        season: fc.integer({ min: 0, max: 3 }),
        watches: fc.array(fc.tuple(fc.constantFrom(ALICE, BOB, CAROL), fc.integer({ min: 0, max: 400 }))),
      }),
      { maxLength: 8 },
    ),
    fc.boolean(),
    (specs, ended) => {
      const items = specs.map((s, i) => episode(s.season, i + 1, s.watches));
      const marks = [mark(CAROL, "tvdb:100/s2", "keep")];
      const verdict = decideCleanup(
        tv(items, { marks }, series({ ended })),
        rules({ activeUsers: [ALICE, BOB, CAROL] }),
      );
      for (const c of verdict.candidates) {
        assert.notEqual(c.season, 0);
        assert.notEqual(c.season, 2);
        if (!ended) assert.notEqual(c.season, 3);
        assert.ok(NOW - c.lastWatched >= 14 * DAY);
      }
      assert.equal(verdict.totalBytes, verdict.candidates.reduce((n, c) => n + c.sizeBytes, 0));
    },
  ));
});
