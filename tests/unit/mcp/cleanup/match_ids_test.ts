import assert from "node:assert/strict";
import fc from "fast-check";
import { matchByIds } from "../../../../mcp/cleanup/match_ids.ts";
import { SHOW_ID_ORDER, type StableIds } from "../../../../mcp/cleanup/stable_ids.ts";

type Item = { title: string; ids: StableIds };
const options = { plexIds: (i: Item) => i.ids, targetIds: (i: Item) => i.ids, order: SHOW_ID_ORDER };

Deno.test("matchByIds() pairs only items that share an id; titles never matter", () => {
  fc.assert(fc.property(
    fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 12 }),
    fc.array(fc.string({ maxLength: 6 }), { minLength: 12, maxLength: 12 }),
    fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    (tvdbIds, titles, inSonarr) => {
      // Plex titles and Sonarr titles are unrelated (often equal across different shows).
      const plex = tvdbIds.map((id, i) => ({ title: titles[i % 3]!, ids: { tvdb: id } }));
      const sonarr = tvdbIds.filter((_, i) => inSonarr[i]).map((id, i) => ({
        title: titles[(i + 1) % 3]!,
        ids: { tvdb: id },
      }));
      const result = matchByIds(plex, sonarr, options);
      for (const { plex: p, target } of result.matched) assert.equal(p.ids.tvdb, target.ids.tvdb);
      assert.equal(result.matched.length, sonarr.length);
      assert.equal(result.unmatched.length, plex.length - sonarr.length);
      for (const u of result.unmatched) assert.ok(!sonarr.some((s) => s.ids.tvdb === u.ids.tvdb));
    },
  ));
});

Deno.test("matchByIds() falls back to the next id, and skips an id that points at two targets", () => {
  const plex = [{ title: "X", ids: { tvdb: 1, tmdb: 7 } }, { title: "Y", ids: { tvdb: 2 } }];
  const sonarr = [
    { title: "A", ids: { tvdb: 2 } },
    { title: "B", ids: { tvdb: 2, tmdb: 8 } },
    { title: "C", ids: { tmdb: 7 } },
  ];
  const result = matchByIds(plex, sonarr, options);
  assert.deepEqual(result.matched.map((m) => [m.plex.title, m.target.title, m.by]), [["X", "C", "tmdb"]]);
  assert.deepEqual(result.unmatched.map((u) => u.title), ["Y"], "tvdb 2 is ambiguous: listed, not guessed");
});
