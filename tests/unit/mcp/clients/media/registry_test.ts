import { publishedPort } from "../../../../../mcp/clients/media/discovery.ts";
import { SonarrClient } from "../../../../../mcp/clients/media/sonarr.ts";
import { testRegistry } from "./_registry_fixture.ts";
import { assert, assertEquals, assertErr, assertOk } from "./_result_assert.ts";

Deno.test("publishedPort() finds the host side of a container port", () => {
  assertEquals(publishedPort(["0.0.0.0:18989->8989/tcp"], 8989), { host: "127.0.0.1", port: 18989 });
  assertEquals(publishedPort(["192.168.1.5:80->8080/tcp", "9000->8080/udp"], 8080), {
    host: "192.168.1.5",
    port: 80,
  });
  assertEquals(publishedPort(["8989->8989/tcp"], 8989), { host: "127.0.0.1", port: 8989 });
  assertEquals(publishedPort(["8989/tcp"], 8989), null);
  assertEquals(publishedPort(["1->2/udp"], 2), null);
});

Deno.test("ServiceRegistry.getClient() uses *_URL and the env credential", async () => {
  const { registry } = testRegistry({
    env: { SONARR_URL: "http://10.0.0.2:8989/sonarr/", SONARR_API_KEY: "k-sonarr-1" },
  });
  const client = await registry.getClient("sonarr");
  assertOk(client);
  assert(client.value instanceof SonarrClient);
  assertEquals(client.value.http.baseUrl, "http://10.0.0.2:8989/sonarr");
  const again = await registry.getClient("sonarr");
  assertOk(again);
  assert(again.value === client.value, "clients are cached so sessions survive");
});

Deno.test("ServiceRegistry explains what is missing", async (t) => {
  await t.step("no credential", async () => {
    const { registry } = testRegistry({ env: { RADARR_URL: "http://h:7878" } });
    const result = await registry.getClient("radarr");
    assertErr(result);
    assertEquals(result.error.kind, "not_configured");
    assert(result.error.message.includes("RADARR_API_KEY"));
  });
  await t.step("no URL", async () => {
    const { registry } = testRegistry({ env: { PLEX_TOKEN: "tok-12345" } });
    const setup = await registry.describe("plex");
    assertEquals(setup.configured, false);
    assertEquals(setup.credentialSource, "env");
    assert(setup.problem?.includes("PLEX_URL"));
  });
  await t.step("invalid URL names the variable", async () => {
    const { registry } = testRegistry({ env: { SABNZBD_URL: "ftp://x", SABNZBD_API_KEY: "k-sab-1" } });
    const result = await registry.getClient("sabnzbd");
    assertErr(result);
    assert(result.error.message.startsWith('Invalid SABNZBD_URL "ftp://x"'), result.error.message);
  });
});

Deno.test("ServiceRegistry discovers port and URL base from config.xml and the published port", async () => {
  const stacks = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${stacks}/media/sonarr`, { recursive: true });
    await Deno.writeTextFile(
      `${stacks}/media/sonarr/config.xml`,
      "<Config>\n  <Port>8990</Port>\n  <UrlBase>/tv</UrlBase>\n  <ApiKey>0123456789abcdef0123456789abcdef</ApiKey>\n</Config>\n",
    );
    const { registry, credentials } = testRegistry({
      stacksDir: stacks,
      containers: {
        sonarr: { name: "sonarr", configDir: `${stacks}/media/sonarr`, ports: ["0.0.0.0:18990->8990/tcp"] },
      },
    });
    assertOk(await credentials.set("sonarr", { apiKey: "stored-key-1" }));
    const client = await registry.getClient("sonarr");
    assertOk(client);
    assertEquals(client.value.http.baseUrl, "http://127.0.0.1:18990/tv");
    const setup = await registry.describe("sonarr");
    assertEquals([setup.urlSource, setup.credentialSource, setup.configured], ["discovered", "store", true]);
    assert(setup.urlVia?.includes("config.xml"));
  } finally {
    await Deno.remove(stacks, { recursive: true });
  }
});

Deno.test("ServiceRegistry finds qBittorrent.conf under the stacks dir without a container", async () => {
  const stacks = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${stacks}/downloads/qbittorrent/qBittorrent`, { recursive: true });
    await Deno.writeTextFile(
      `${stacks}/downloads/qbittorrent/qBittorrent/qBittorrent.conf`,
      "[Preferences]\nWebUI\\Port=8181\nWebUI\\Username=admin\n",
    );
    const { registry } = testRegistry({
      stacksDir: stacks,
      env: { QBITTORRENT_USERNAME: "admin", QBITTORRENT_PASSWORD: "pw" },
    });
    const client = await registry.getClient("qbittorrent");
    assertOk(client);
    assertEquals(client.value.http.baseUrl, "http://127.0.0.1:8181");
  } finally {
    await Deno.remove(stacks, { recursive: true });
  }
});
