import assert from "node:assert/strict";
import fc from "fast-check";
import {
  imageRepository,
  KNOWN_SERVICES,
  knownService,
  parseArrConfigXml,
  parseBazarrConfigYaml,
  parseJellyfinNetworkXml,
  parsePlexPreferences,
  parseQbittorrentConf,
  parseSabnzbdIni,
  parseServiceConfig,
  serviceForImage,
} from "../../../../../mcp/clients/media/known_services.ts";

const FIXTURES = new URL("../../../../fixtures/service_configs/", import.meta.url);
const fixture = (name: string) => Deno.readTextFileSync(new URL(name, FIXTURES));

/** Secrets planted in the fixtures; no parser output may contain any of them. */
const SECRETS = [
  "0123456789abcdef",
  "fedcba9876543210",
  "hunter2",
  "5abcdef0123456789",
  "9876543210fedcba",
  "usenet-S3cret",
  "qbt_0a1b2c3d",
  "ARQ77eY1NUZaQsuDHbIMCA",
  "xyzPlexTokenAbC123456",
  "b4zarr0123",
  "0pensubs-pass",
];

function assertNoSecrets(value: unknown) {
  const text = JSON.stringify(value);
  for (const s of SECRETS) assert.ok(!text.includes(s), `parser output leaks ${s}: ${text}`);
}

Deno.test("parseArrConfigXml() reads port, URL base, bind address and SSL without the ApiKey", () => {
  const facts = parseArrConfigXml(fixture("sonarr_config.xml"));
  assert.equal(facts.port, 8989);
  assert.equal(facts.urlBase, "/sonarr");
  assert.equal(facts.bindAddress, "*");
  assert.equal(facts.sslPort, 9898);
  assert.equal(facts.sslEnabled, false);
  assertNoSecrets(facts);
});

Deno.test('parseArrConfigXml() turns an empty UrlBase into "" and reads elements in any order', () => {
  const facts = parseArrConfigXml(fixture("radarr_config_no_urlbase.xml"));
  assert.equal(facts.port, 7878);
  assert.equal(facts.urlBase, "");
  assertNoSecrets(facts);
});

Deno.test("parseArrConfigXml() gives null for missing or malformed values", () => {
  const facts = parseArrConfigXml("<Config><Port>99999</Port><UrlBase/></Config>");
  assert.equal(facts.port, null);
  assert.equal(facts.urlBase, "");
  assert.equal(parseArrConfigXml("not xml").port, null);
});

Deno.test("parseSabnzbdIni() reads [misc] port and url_base, not a news server's port, and no keys", () => {
  const facts = parseSabnzbdIni(fixture("sabnzbd.ini"));
  assert.equal(facts.port, 8080);
  assert.equal(facts.urlBase, "/sabnzbd");
  assert.equal(facts.bindAddress, "0.0.0.0");
  assert.equal(facts.sslPort, null);
  assertNoSecrets(facts);
});

Deno.test("parseQbittorrentConf() reads WebUI\\Port from [Preferences] without the password hash or API key", () => {
  const facts = parseQbittorrentConf(fixture("qBittorrent.conf"));
  assert.equal(facts.port, 8090);
  assert.equal(facts.urlBase, "");
  assert.equal(facts.bindAddress, "*");
  assertNoSecrets(facts);
});

Deno.test("parsePlexPreferences() reports claimed, name and machine id but never the token", () => {
  const facts = parsePlexPreferences(fixture("Preferences.xml"));
  assert.equal(facts.plexClaimed, true);
  assert.equal(facts.friendlyName, "media-box");
  assert.equal(facts.machineIdentifier, "0d7d2d1c-5d5f-4c3b-9c4e-2f1f0c9a1b2c");
  assertNoSecrets(facts);
  assert.equal(parsePlexPreferences('<Preferences FriendlyName="x"/>').plexClaimed, false);
});

Deno.test("parseJellyfinNetworkXml() reads InternalHttpPort and BaseUrl", () => {
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<NetworkConfiguration xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BaseUrl>/jellyfin/</BaseUrl>
  <EnableHttps>false</EnableHttps>
  <InternalHttpPort>8096</InternalHttpPort>
  <InternalHttpsPort>8920</InternalHttpsPort>
</NetworkConfiguration>`;
  const facts = parseJellyfinNetworkXml(xml);
  assert.deepEqual([facts.port, facts.urlBase, facts.sslPort, facts.sslEnabled], [
    8096,
    "/jellyfin",
    8920,
    false,
  ]);
});

Deno.test("parseBazarrConfigYaml() reads general.port and base_url without the apikey, and nulls on bad YAML", () => {
  const facts = parseBazarrConfigYaml(fixture("bazarr_config.yaml"));
  assert.equal(facts.port, 6767);
  assert.equal(facts.urlBase, "/bazarr");
  assertNoSecrets(facts);
  assert.equal(parseBazarrConfigYaml("general: [unclosed").port, null);
});

Deno.test("parseServiceConfig() dispatches on the registry's config format", () => {
  const sonarr = knownService("sonarr");
  const file = sonarr?.configFiles[0];
  assert.equal(file?.format, "arr-config-xml");
  assert.equal(parseServiceConfig("arr-config-xml", fixture("sonarr_config.xml")).port, 8989);
});

Deno.test("KNOWN_SERVICES lists every required service once with a health path and a config location", () => {
  const keys = KNOWN_SERVICES.map((s) => s.key);
  for (
    const k of [
      "sonarr",
      "radarr",
      "prowlarr",
      "lidarr",
      "bazarr",
      "sabnzbd",
      "qbittorrent",
      "plex",
      "jellyfin",
    ]
      .concat(["overseerr", "jellyseerr", "gluetun"])
  ) {
    assert.equal(keys.filter((x) => x === k).length, 1, k);
  }
  for (const s of KNOWN_SERVICES) {
    assert.ok(s.health.path.startsWith("/"), s.key);
    assert.ok(s.defaultPort > 0 && s.defaultPort < 65536, s.key);
    assert.ok(s.configFiles.length > 0 && s.containerConfigDirs.length > 0, s.key);
  }
});

const SPECS = new URL("../../../../fixtures/specs/", import.meta.url);
const spec = (name: string) => JSON.parse(Deno.readTextFileSync(new URL(`${name}.json`, SPECS)));

/** The port in an upstream OpenAPI contract's default server (`localhost:8989`, or a `port` variable). */
function specDefaultPort(name: string): number {
  const server = spec(name).servers[0];
  const port = server.variables.port?.default ?? server.variables.hostpath.default.split(":")[1];
  return Number(port);
}

Deno.test("KNOWN_SERVICES uses each service's own default port", () => {
  const expected: Record<string, number> = {
    // The upstream OpenAPI contracts' default servers (tests/fixtures/specs).
    sonarr: specDefaultPort("sonarr"),
    radarr: specDefaultPort("radarr"),
    prowlarr: specDefaultPort("prowlarr"),
    lidarr: specDefaultPort("lidarr"),
    plex: specDefaultPort("plex"),
    // The services' shipped configs (tests/fixtures/service_configs) and notes/sabnzbd-api.md (`HOST:8080`).
    bazarr: Number(/^general:[\s\S]*?^ {2}port: (\d+)$/m.exec(fixture("bazarr_config.yaml"))?.[1]),
    sabnzbd: Number(/^port = (\d+)$/m.exec(fixture("sabnzbd.ini"))?.[1]),
    // Upstream documentation: qBittorrent's WebUI, Jellyfin, Overseerr/Jellyseerr, gluetun's control server.
    qbittorrent: 8080,
    jellyfin: 8096,
    overseerr: 5055,
    jellyseerr: 5055,
    gluetun: 8000,
  };
  assert.deepEqual(Object.fromEntries(KNOWN_SERVICES.map((s) => [s.key, s.defaultPort])), expected);
});

Deno.test("KNOWN_SERVICES probes each service's own anonymous liveness endpoint", () => {
  // Plex's contract marks /identity as needing no token (`security: [{}]`).
  const plex = knownService("plex");
  assert.deepEqual(spec("plex").paths[plex?.health.path ?? ""]?.get?.security, [{}]);
  assert.equal(plex?.health.anonymous, true);
  const expected: Record<string, string> = {
    // notes/service-apis.md: `/ping` answers anonymously in the *arr apps.
    sonarr: "/ping",
    radarr: "/ping",
    prowlarr: "/ping",
    lidarr: "/ping",
    // notes/sabnzbd-api.md: `mode=version` needs no key.
    sabnzbd: "/api?mode=version&output=json",
    plex: "/identity",
    // Jellyfin's and Overseerr's documented health/status endpoints.
    jellyfin: "/health",
    overseerr: "/api/v1/status",
    jellyseerr: "/api/v1/status",
  };
  const actual = Object.fromEntries(
    KNOWN_SERVICES.filter((s) => s.key in expected).map((s) => [s.key, s.health.path]),
  );
  assert.deepEqual(actual, expected);
});

Deno.test("imageRepository() strips registry, tag, digest and library/", () => {
  assert.equal(imageRepository("lscr.io/linuxserver/sonarr:4.0.19"), "linuxserver/sonarr");
  assert.equal(imageRepository("ghcr.io/hotio/radarr:release@sha256:abc"), "hotio/radarr");
  assert.equal(imageRepository("docker.io/library/busybox"), "busybox");
  assert.equal(imageRepository("localhost:5000/plexinc/pms-docker"), "plexinc/pms-docker");
  assert.equal(imageRepository("Qmcgaw/Gluetun"), "qmcgaw/gluetun");
});

Deno.test("serviceForImage() matches linuxserver, hotio and official images and nothing else", () => {
  assert.equal(serviceForImage("lscr.io/linuxserver/sonarr:latest")?.key, "sonarr");
  assert.equal(serviceForImage("ghcr.io/hotio/qbittorrent:release")?.key, "qbittorrent");
  assert.equal(serviceForImage("docker.io/plexinc/pms-docker:latest")?.key, "plex");
  assert.equal(serviceForImage("docker.io/jellyfin/jellyfin:10.10.0")?.key, "jellyfin");
  assert.equal(serviceForImage("qmcgaw/gluetun:v3.40")?.key, "gluetun");
  assert.equal(serviceForImage("fallenbagel/jellyseerr:latest")?.key, "jellyseerr");
  assert.equal(serviceForImage("myregistry.lan/me/radarr:dev")?.key, "radarr");
  assert.equal(serviceForImage("localhost/busybox:test"), undefined);
  assert.equal(serviceForImage("linuxserver/sonarr-exporter"), undefined);
});

Deno.test("parseServiceConfig() never throws, whatever the text (property)", () => {
  const formats = [
    "arr-config-xml",
    "sabnzbd-ini",
    "qbittorrent-conf",
    "plex-preferences-xml",
    "jellyfin-network-xml",
  ]
    .concat(["bazarr-config-yaml"]) as Array<Parameters<typeof parseServiceConfig>[0]>;
  fc.assert(
    fc.property(fc.constantFrom(...formats), fc.string({ maxLength: 300 }), (format, text) => {
      const facts = parseServiceConfig(format, text);
      assert.ok(facts.port === null || (facts.port >= 1 && facts.port <= 65535));
    }),
    { numRuns: 600 },
  );
});
