/** Contract: every Radarr call RadarrClient makes, against Prism mocking the Radarr v3 OpenAPI document. */
import { RadarrClient } from "../../../../../mcp/clients/media/radarr.ts";
import { assertEquals, assertErr, assertOk } from "../../../../unit/mcp/clients/media/_result_assert.ts";
import { patchArrSpec, startPrism } from "./_prism.ts";

Deno.test("RadarrClient matches the Radarr v3 OpenAPI contract (Prism)", async (t) => {
  await using prism = await startPrism("radarr.json", patchArrSpec);
  const radarr = new RadarrClient({ baseUrl: prism.url, fetch, apiKey: "0123456789abcdef", retries: 0 });

  await t.step("system/status, health, diskspace, update", async () => {
    assertOk(await radarr.systemStatus());
    assertOk(await radarr.health());
    assertOk(await radarr.diskSpace());
    assertOk(await radarr.updates());
  });
  await t.step("queue, queue/details, queue delete", async () => {
    assertOk(await radarr.queue({ page: 1, pageSize: 50 }));
    assertOk(await radarr.queueDetails());
    assertOk(await radarr.deleteQueueItem(3, { removeFromClient: false, blocklist: true }));
  });
  await t.step("wanted/missing, calendar, history, command", async () => {
    assertOk(await radarr.wantedMissing({ pageSize: 20 }));
    assertOk(await radarr.calendar(new Date("2026-01-01T00:00:00Z"), new Date("2026-02-01T00:00:00Z")));
    assertOk(await radarr.history());
    assertOk(await radarr.command("MissingMoviesSearch", { filterKey: "monitored", filterValue: "true" }));
    assertOk(await radarr.commandStatus(4));
  });
  await t.step("movies, movie files, file delete and bulk delete, movie monitor", async () => {
    assertOk(await radarr.movies());
    assertOk(await radarr.movieFiles([1, 2]));
    assertOk(await radarr.deleteMovieFile(9));
    assertOk(await radarr.deleteMovieFiles([9, 10]));
    assertOk(await radarr.setMoviesMonitored([1, 2], true));
  });
  await t.step("the mock rejects a wrong path parameter type", async () => {
    const bad = await radarr.http.empty({ method: "DELETE", path: "/api/v3/moviefile/notanint" });
    assertErr(bad);
    assertEquals(bad.error.status, 422);
  });
});
