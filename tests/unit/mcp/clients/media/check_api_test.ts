import { checkServiceApi } from "../../../../../mcp/clients/media/check_api.ts";
import { startFakeQbittorrent } from "../../../../fakes/qbittorrent_fake.ts";
import { startFakeSabnzbd } from "../../../../fakes/sabnzbd_fake.ts";
import { testRegistry } from "./_registry_fixture.ts";
import { assert, assertEquals } from "./_result_assert.ts";

Deno.test("checkServiceApi() reports reachable, authenticated and the version", async () => {
  await using sab = startFakeSabnzbd({ apiKey: "sab-key-123456" });
  await using qbit = startFakeQbittorrent({ version: "5.2.3", apiKey: "qbt-key-123456" });
  const { registry } = testRegistry({
    env: {
      SABNZBD_URL: sab.url,
      SABNZBD_API_KEY: "sab-key-123456",
      QBITTORRENT_URL: qbit.url,
      QBITTORRENT_API_KEY: "qbt-key-123456",
    },
  });
  const sabCheck = await checkServiceApi(registry, "sabnzbd");
  assertEquals([sabCheck.reachable, sabCheck.authenticated, sabCheck.version], [true, true, "5.0.1"]);
  const qbitCheck = await checkServiceApi(registry, "qbittorrent");
  assertEquals([qbitCheck.reachable, qbitCheck.authenticated, qbitCheck.version], [true, true, "v5.2.3"]);
});

Deno.test("checkServiceApi() tells a wrong key from an unreachable service", async () => {
  await using sab = startFakeSabnzbd({ apiKey: "sab-key-123456" });
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closedPort = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const { registry } = testRegistry({
    env: {
      SABNZBD_URL: sab.url,
      SABNZBD_API_KEY: "wrong-key-999",
      SONARR_URL: `http://127.0.0.1:${closedPort}`,
      SONARR_API_KEY: "sonarr-key-1",
    },
  });
  const wrongKey = await checkServiceApi(registry, "sabnzbd");
  assertEquals([wrongKey.reachable, wrongKey.authenticated, wrongKey.error?.kind], [true, false, "auth"]);
  assert(wrongKey.hint?.includes("credential_set"));
  assert(!JSON.stringify(wrongKey).includes("wrong-key-999"));
  const down = await checkServiceApi(registry, "sonarr");
  assertEquals([down.reachable, down.authenticated, down.error?.kind], [false, null, "unreachable"]);
  const unconfigured = await checkServiceApi(registry, "plex");
  assertEquals([unconfigured.configured, unconfigured.reachable], [false, null]);
  assert(unconfigured.hint?.includes("PLEX_URL"));
});
