/**
 * Contract: the shared Servarr calls ArrClient makes for the v1 apps, against Prism mocking the Prowlarr and
 * Lidarr v1 OpenAPI documents. Prowlarr has no queue/wanted/calendar/diskspace: the client refuses those
 * without a request.
 */
import { ArrClient } from "../../../../../mcp/clients/media/arr.ts";
import { ARR_APPS } from "../../../../../mcp/clients/media/arr_apps.ts";
import { assertEquals, assertOk } from "../../../../unit/mcp/clients/media/_result_assert.ts";
import { patchArrSpec, startPrism } from "./_prism.ts";

Deno.test("ArrClient matches the Prowlarr v1 OpenAPI contract (Prism)", async (t) => {
  await using prism = await startPrism("prowlarr.json", patchArrSpec);
  const requests: string[] = [];
  const counting: typeof fetch = (input, init) => {
    requests.push(String(input));
    return fetch(input, init);
  };
  const prowlarr = new ArrClient(ARR_APPS.prowlarr, {
    baseUrl: prism.url,
    fetch: counting,
    apiKey: "0123456789abcdef",
    retries: 0,
  });
  await t.step("system/status, health, history, update, command", async () => {
    assertOk(await prowlarr.systemStatus());
    assertOk(await prowlarr.health());
    assertOk(await prowlarr.history({ pageSize: 10 }));
    assertOk(await prowlarr.updates());
    assertOk(await prowlarr.command("ApplicationIndexerSync"));
    assertOk(await prowlarr.commandStatus(1));
  });
  await t.step("queue, wanted, calendar and diskspace are refused without a request", async () => {
    const before = requests.length;
    const results: Array<{ ok: boolean; error?: { kind: string } }> = [
      await prowlarr.queue(),
      await prowlarr.wantedMissing(),
      await prowlarr.diskSpace(),
    ];
    assertEquals(results.map((r) => [r.ok, r.error?.kind]), [[false, "http"], [false, "http"], [
      false,
      "http",
    ]]);
    assertEquals(requests.length, before);
  });
});

Deno.test("ArrClient matches the Lidarr v1 OpenAPI contract (Prism)", async (t) => {
  await using prism = await startPrism("lidarr.json", patchArrSpec);
  const lidarr = new ArrClient(ARR_APPS.lidarr, {
    baseUrl: prism.url,
    fetch,
    apiKey: "0123456789abcdef",
    retries: 0,
  });
  await t.step("every shared call", async () => {
    assertOk(await lidarr.systemStatus());
    assertOk(await lidarr.health());
    assertOk(await lidarr.diskSpace());
    assertOk(await lidarr.queue({ page: 1, pageSize: 10 }));
    assertOk(await lidarr.queueDetails());
    assertOk(await lidarr.deleteQueueItem(1, { blocklist: false }));
    assertOk(await lidarr.wantedMissing());
    assertOk(await lidarr.calendar(new Date("2026-01-01T00:00:00Z"), new Date("2026-01-02T00:00:00Z")));
    assertOk(await lidarr.history());
    assertOk(await lidarr.command("MissingAlbumSearch"));
    assertOk(await lidarr.updates());
  });
});
