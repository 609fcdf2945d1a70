import assert from "node:assert/strict";
import type { CleanupPreview } from "../../../../mcp/cleanup/preview.ts";
import { summarizePreview, SUMMARY_TOP_ITEMS } from "../../../../mcp/cleanup/preview_summary.ts";
import { loadSummaries, saveSummary } from "../../../../mcp/cleanup/summary_store.ts";

const AT = Date.UTC(2026, 10, 22, 4, 0, 0);
const item = (fileId: number, size: number) => ({
  service: "sonarr" as const,
  key: "tvdb:73244",
  series: "The Office (US)",
  season: 1,
  episode: fileId,
  file_id: fileId,
  path: `/tv/${fileId}.mkv`,
  size_bytes: size,
  watched_by: ["Owner"],
  last_watched: new Date(AT).toISOString(),
});

function preview(): CleanupPreview {
  return {
    service: "sonarr",
    candidates: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ ...item(n, n * 100), reason: "all watched" })),
    protected: [
      { ...item(20, 1), why: "kept by Owner" },
      { ...item(21, 1), why: 'last watched 3 days ago (wait 14); tagged "keep"' },
      { ...item(22, 1), why: "newest season of a continuing series" },
    ],
    unmatched: [],
    not_watched: 0,
    total_bytes: 2800,
    active_users: ["Owner"],
    unreadable: [],
  };
}

Deno.test("summarizePreview() keeps counts, the largest candidates and what keep marks/tags protect", () => {
  const s = summarizePreview(preview(), AT);
  assert.equal(s.candidates, 7);
  assert.equal(s.total_bytes, 2800);
  assert.equal(s.protected, 3);
  assert.equal(s.keep_protected, 2, "a keep mark and a keep tag; not the newest-season rule");
  assert.equal(s.top.length, SUMMARY_TOP_ITEMS);
  assert.deepEqual(s.top.map((t) => t.what), [7, 6, 5, 4, 3].map((e) => `The Office (US) S1E${e}`));
  assert.equal(s.computed_at, "2026-11-22T04:00:00.000Z");
});

Deno.test("saveSummary()/loadSummaries() keep the last summary per service in cleanup.db", async () => {
  const dir = await Deno.makeTempDir({ prefix: "arr-cleanup-summary-" });
  try {
    assert.deepEqual(loadSummaries(dir), { ok: true, value: [] });
    const first = summarizePreview(preview(), AT);
    assert.ok(saveSummary(dir, first).ok);
    assert.ok(saveSummary(dir, { ...first, service: "radarr", candidates: 0 }).ok);
    assert.ok(saveSummary(dir, { ...first, candidates: 1 }).ok, "replaces Sonarr's");
    const loaded = loadSummaries(dir);
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.value.map((s) => [s.service, s.candidates]), [["sonarr", 1], ["radarr", 0]]);
    assert.ok(!loadSummaries(`${dir}/missing`).ok, "an unreadable store is an error, not an empty panel");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
