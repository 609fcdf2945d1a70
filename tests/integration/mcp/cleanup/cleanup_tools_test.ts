import assert from "node:assert/strict";
import { cleanupHarness, DAY, KID_TOKEN } from "./_cleanup_fixture.ts";

type Row = { file_id: number; why?: string; reason?: string; watched_by: string[] };
const fileIds = (rows: Row[]) => rows.map((r) => r.file_id).sort((a, b) => a - b);

Deno.test("watched_cleanup_preview (sonarr) joins by stable ids over paged Plex reads", async () => {
  await using h = await cleanupHarness();
  const { isError, s, text } = await h.call("watched_cleanup_preview", { service: "sonarr" });
  assert.ok(!isError, text);
  assert.deepEqual(s.unreadable, []);
  assert.deepEqual(s.active_users, ["Owner", "Kid"]);
  // US S1E1 (both watched), US S2E1 (owner's manual mark + Kid; ended series), UK S1E1 (row with a wrong show).
  assert.deepEqual(fileIds(s.candidates), [111, 112, 121]);
  const us21 = s.candidates.find((c: Row) => c.file_id === 112);
  assert.deepEqual(us21.watched_by, ["Owner", "Kid"]);
  assert.equal(us21.key, "tvdb:73244");
  // UK S2 is the newest season of a continuing series; Shogun (matched by tmdb only) likewise.
  assert.deepEqual(fileIds(s.protected), [122, 131]);
  assert.equal(s.not_watched, 1, "US S1E2: Kid is in the audience and has not seen it");
  assert.deepEqual(s.unmatched, [{ title: "Home Movies", guids: ["plex://show/5d9c"] }]);
  assert.equal(s.total_bytes, (11 + 12 + 21) * 1_000_000);
});

Deno.test("watched_cleanup_preview reads Sonarr v4 in one call per series and Sonarr v3 in two, same answer", async () => {
  const previews = [];
  for (const sonarrVersion of ["4.0.19.2979", "3.0.10.1567"]) {
    await using h = await cleanupHarness(undefined, { sonarrVersion });
    const { s } = await h.call("watched_cleanup_preview", { service: "sonarr" });
    const reads = h.sonarrRequests.filter((r) => /\/api\/v3\/episode(file)?\?/.test(r));
    const series = h.lib.sonarr.series.length;
    assert.equal(reads.length, sonarrVersion.startsWith("4") ? series : 2 * series, reads.join("\n"));
    previews.push({ candidates: fileIds(s.candidates), protected: fileIds(s.protected) });
  }
  assert.deepEqual(previews[0], { candidates: [111, 112, 121], protected: [122, 131] });
  assert.deepEqual(previews[1], previews[0]);
});

Deno.test("watched_cleanup_preview (radarr) matches by imdb when Plex has no tmdb, and honours the keep tag", async () => {
  await using h = await cleanupHarness();
  const { s } = await h.call("watched_cleanup_preview", { service: "radarr" });
  assert.deepEqual(fileIds(s.candidates), [501]);
  assert.match(s.protected[0].why, /tagged "keep"/);
  assert.deepEqual(s.unmatched, [{ title: "Heat", year: 1986, guids: ["tmdb://999"] }]);
  const strict = await h.call("watched_cleanup_preview", { service: "radarr", min_days_since_watched: 21 });
  assert.deepEqual(strict.s.candidates, [], "Kid watched Heat 20 days ago");
});

Deno.test("watched_cleanup_preview fails closed on any failed read", async (t) => {
  for (const path of ["/status/sessions/history/all", "/accounts", "/library/sections/1/all"]) {
    await t.step(path, async () => {
      await using h = await cleanupHarness();
      h.lib.plex.failing.add(path);
      const { isError, s } = await h.call("watched_cleanup_preview", { service: "sonarr" });
      assert.ok(!isError);
      assert.deepEqual(s.candidates, []);
      assert.equal(s.unreadable.length, 1);
      assert.match(s.unreadable[0], /Plex/);
    });
  }
  await t.step("an unknown ARR_CLEANUP_USERS name", async () => {
    await using h = await cleanupHarness();
    h.deps.config.cleanupUsers = ["Owner", "Nobody"];
    const { s } = await h.call("watched_cleanup_preview", { service: "sonarr" });
    assert.deepEqual(s.candidates, []);
    assert.match(s.unreadable[0], /"Nobody"/);
  });
});

Deno.test("watched_cleanup_delete unmonitors before deleting, once, for the confirmed set only", async () => {
  await using h = await cleanupHarness();
  const args = { service: "sonarr", file_ids: [111, 121] };
  const first = await h.call("watched_cleanup_delete", args);
  assert.equal(first.s.status, "confirmation_required", first.text);
  assert.deepEqual(h.lib.mutations, [], "the preview changes nothing");
  const done = await h.call("watched_cleanup_delete", { ...args, confirm_token: first.s.confirm_token });
  assert.equal(done.s.status, "done", done.text);
  assert.deepEqual(h.lib.mutations, [
    "PUT /api/v3/episode/monitor [11] false",
    "DELETE /api/v3/episodefile/111",
    "PUT /api/v3/episode/monitor [21] false",
    "DELETE /api/v3/episodefile/121",
  ]);
  assert.equal(done.s.result.freed_bytes, 32_000_000);
  assert.deepEqual(done.s.result.outcomes.map((o: { status: string }) => o.status), ["deleted", "deleted"]);
  assert.deepEqual(h.lib.sonarr.files.map((f) => f.id).sort(), [112, 113, 122, 131]);
  const audit = h.deps.audit.recent(10).map((e) => e.detail ?? "").join("\n");
  assert.match(audit, /freed 32000000 bytes/);

  const replay = await h.call("watched_cleanup_delete", { ...args, confirm_token: first.s.confirm_token });
  assert.ok(replay.isError, "a replayed token deletes nothing");
  assert.equal(h.lib.mutations.length, 4);
});

Deno.test("watched_cleanup_delete refuses when the library changed after the preview", async (t) => {
  await t.step("a keep tag added: says what changed, deletes nothing", async () => {
    await using h = await cleanupHarness();
    const first = await h.call("watched_cleanup_delete", { service: "sonarr", file_ids: [112] });
    assert.equal(first.s.status, "confirmation_required");
    h.lib.sonarr.series[0]!.tags = [1];
    const again = await h.call("watched_cleanup_delete", {
      service: "sonarr",
      file_ids: [112],
      confirm_token: first.s.confirm_token,
    });
    assert.ok(again.isError);
    assert.match(again.text, /file 112 .*now protected: tagged "keep"/);
    assert.deepEqual(h.lib.mutations, []);
  });
  await t.step("a file replaced (new size): the token no longer matches", async () => {
    await using h = await cleanupHarness();
    const first = await h.call("watched_cleanup_delete", { service: "sonarr", file_ids: [111] });
    h.lib.sonarr.files[0]!.size = 5;
    const again = await h.call("watched_cleanup_delete", {
      service: "sonarr",
      file_ids: [111],
      confirm_token: first.s.confirm_token,
    });
    assert.ok(again.isError, again.text);
    assert.deepEqual(h.lib.mutations, []);
  });
  await t.step("a file that is not a candidate is refused up front", async () => {
    await using h = await cleanupHarness();
    const r = await h.call("watched_cleanup_delete", { service: "sonarr", file_ids: [122] });
    assert.ok(r.isError);
    assert.match(r.text, /newest season of a continuing series/);
  });
});

Deno.test("watched_cleanup_delete (radarr) unmonitors with the movie editor, then deletes the file", async () => {
  await using h = await cleanupHarness();
  const first = await h.call("watched_cleanup_delete", { service: "radarr", file_ids: [501] });
  const done = await h.call("watched_cleanup_delete", {
    service: "radarr",
    file_ids: [501],
    confirm_token: first.s.confirm_token,
  });
  assert.equal(done.s.status, "done", done.text);
  assert.deepEqual(h.lib.mutations, ["PUT /api/v3/movie/editor [1] false", "DELETE /api/v3/moviefile/501"]);
  assert.equal(h.lib.radarr.movies[0]!.monitored, false);
});

Deno.test("interest_set keeps a series for everyone; interest_list shows it; none clears it", async () => {
  await using h = await cleanupHarness();
  const set = await h.call("interest_set", { user: "kid", key: "tvdb:73244", state: "keep" });
  assert.ok(!set.isError, set.text);
  const kept = await h.call("watched_cleanup_preview", { service: "sonarr" });
  assert.deepEqual(fileIds(kept.s.candidates), [121]);
  assert.match(kept.s.protected.find((p: Row) => p.file_id === 111).why, /kept by Kid/);
  const list = await h.call("interest_list");
  assert.deepEqual(
    list.s.marks.map((m: { user: string; key: string; state: string }) => [m.user, m.key, m.state]),
    [
      ["Kid", "tvdb:73244", "keep"],
    ],
  );
  // An episode-level done by the owner on US S1E2 makes it a candidate (Kid's series keep still wins there).
  await h.call("interest_set", { user: "Kid", key: "tvdb:73244", state: "none" });
  await h.call("interest_set", { user: "Kid", key: "tvdb:73244", season: 1, episode: 2, state: "done" });
  h.deps.clock.advance(15 * DAY);
  const done = await h.call("watched_cleanup_preview", { service: "sonarr" });
  assert.deepEqual(fileIds(done.s.candidates), [111, 112, 113, 121]);
  const unknown = await h.call("interest_set", { user: "nobody", key: "tvdb:1", state: "keep" });
  assert.ok(unknown.isError);
});

Deno.test("watched_cleanup_preview narrows to the given ids and takes required watchers by name", async () => {
  await using h = await cleanupHarness();
  const uk = await h.call("watched_cleanup_preview", { service: "sonarr", ids: [2] });
  assert.deepEqual(fileIds(uk.s.candidates), [121]);
  assert.deepEqual(fileIds(uk.s.protected), [122]);
  const gran = await h.call("watched_cleanup_preview", { service: "radarr", required_watchers: ["gran"] });
  assert.deepEqual(fileIds(gran.s.candidates), [501], "Gran watched Heat long ago");
  const nobody = await h.call("watched_cleanup_preview", {
    service: "radarr",
    required_watchers: ["Nobody"],
  });
  assert.deepEqual(nobody.s.candidates, []);
  assert.match(nobody.s.unreadable[0], /unknown Plex account "Nobody"/);
});

Deno.test("a stored plex_user token makes that account's manual marks count; an unknown account fails closed", async () => {
  await using h = await cleanupHarness();
  const before = await h.call("watched_cleanup_preview", { service: "sonarr" });
  assert.deepEqual(fileIds(before.s.candidates), [111, 112, 121], "US S1E2: Kid's mark is not visible yet");
  const credentials = h.deps.media.credentials;
  assert.deepEqual(await credentials.set("plex_user:Kid", { token: KID_TOKEN }), {
    ok: true,
    value: undefined,
  });
  const after = await h.call("watched_cleanup_preview", { service: "sonarr" });
  assert.deepEqual(after.s.unreadable, []);
  assert.deepEqual(fileIds(after.s.candidates), [111, 112, 113, 121]);
  const us12 = after.s.candidates.find((c: Row) => c.file_id === 113);
  assert.deepEqual(us12.watched_by, ["Owner", "Kid"]);
  assert.equal(after.s.not_watched, 0);
  // A token stored for a name Plex does not know: nothing is offered, and the answer says why.
  await credentials.set("plex_user:Nobody", { token: KID_TOKEN });
  const unknown = await h.call("watched_cleanup_preview", { service: "sonarr" });
  assert.deepEqual(unknown.s.candidates, []);
  assert.match(unknown.s.unreadable.join(" "), /plex_user:Nobody names no Plex account/);
  await credentials.delete("plex_user:Nobody");
  // A token Plex refuses: fail closed too.
  await credentials.set("plex_user:Kid", { token: "revoked-token-0123456789" });
  const refused = await h.call("watched_cleanup_preview", { service: "sonarr" });
  assert.deepEqual(refused.s.candidates, []);
  assert.match(refused.s.unreadable.join(" "), /Plex view counts of Kid/);
});
