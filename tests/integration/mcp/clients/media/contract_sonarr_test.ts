/**
 * Contract: every Sonarr call SonarrClient makes, sent to Prism mocking the Sonarr v3 OpenAPI document. Prism
 * answers 404/422/401 to a wrong path, parameter, body or missing key, so each ok below proves the request
 * matches the spec, and the decoded response proves the zod schemas accept the spec's shapes.
 */
import { SonarrClient } from "../../../../../mcp/clients/media/sonarr.ts";
import {
  assert,
  assertEquals,
  assertErr,
  assertOk,
} from "../../../../unit/mcp/clients/media/_result_assert.ts";
import { patchArrSpec, startPrism } from "./_prism.ts";

Deno.test("SonarrClient matches the Sonarr v3 OpenAPI contract (Prism)", async (t) => {
  await using prism = await startPrism("sonarr.json", patchArrSpec);
  const sonarr = new SonarrClient({ baseUrl: prism.url, fetch, apiKey: "0123456789abcdef", retries: 0 });

  await t.step("system/status, health, diskspace, update", async () => {
    assertOk(await sonarr.systemStatus());
    assertOk(await sonarr.health());
    assertOk(await sonarr.diskSpace());
    assertOk(await sonarr.updates());
  });
  await t.step("queue (paged), queue/details, queueAll", async () => {
    const page = await sonarr.queue({ page: 2, pageSize: 25, sortDirection: "descending" });
    assertOk(page);
    assert(Array.isArray(page.value.records));
    assertOk(await sonarr.queueDetails());
    assertOk(await sonarr.queueAll(100, 1));
  });
  await t.step("queue delete with removeFromClient and blocklist", async () => {
    assertOk(await sonarr.deleteQueueItem(7, { removeFromClient: true, blocklist: true }));
  });
  await t.step("wanted/missing, calendar, history", async () => {
    assertOk(await sonarr.wantedMissing({ page: 1, pageSize: 10 }));
    assertOk(await sonarr.calendar(new Date("2026-01-01T00:00:00Z"), new Date("2026-01-08T00:00:00Z")));
    assertOk(await sonarr.history({ pageSize: 5 }));
  });
  await t.step("command (POST) and command status", async () => {
    assertOk(await sonarr.command("MissingEpisodeSearch", { monitored: true }));
    assertOk(await sonarr.commandStatus(12));
  });
  await t.step("series, episodes, episode files", async () => {
    assertOk(await sonarr.series());
    assertOk(await sonarr.episodes(1, 2));
    assertOk(await sonarr.episodeFiles(1));
  });
  await t.step("episode file delete and bulk delete, episode monitor", async () => {
    assertOk(await sonarr.deleteEpisodeFile(5));
    assertOk(await sonarr.deleteEpisodeFiles([1, 2, 3]));
    assertOk(await sonarr.setEpisodesMonitored([10, 11], false));
  });
  await t.step("a 201 Created answer to a command is a success (real servers answer 201)", async () => {
    const prefer201: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("Prefer", "code=201");
      return fetch(input, { ...init, headers });
    };
    const client = new SonarrClient({ baseUrl: prism.url, fetch: prefer201, apiKey: "k1234567", retries: 0 });
    assertOk(await client.command("RescanSeries", { seriesId: 1 }));
  });
  await t.step("the mock rejects drift: missing key → auth, wrong type → 422, wrong path → 404", async () => {
    const raw = sonarr.http;
    const noKey = await fetch(`${prism.url}/api/v3/series`, { headers: { Accept: "application/json" } });
    await noKey.body?.cancel();
    assertEquals(noKey.status, 401);
    const badType = await raw.json(
      { path: "/api/v3/queue", query: { page: "abc" } },
      (await import("zod")).z.unknown(),
    );
    assertErr(badType);
    assertEquals(badType.error.status, 422);
    const badPath = await raw.empty({ path: "/api/v3/serieszzz" });
    assertErr(badPath);
    assertEquals(badPath.error.status, 404);
    const badEnum = await sonarr.wantedMissing({ sortDirection: "desc" as "descending" });
    assertErr(badEnum);
    assertEquals(badEnum.error.status, 422);
  });
});
