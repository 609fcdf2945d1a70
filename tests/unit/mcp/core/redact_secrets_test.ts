import assert from "node:assert/strict";
import fc from "fast-check";
import { REDACTED, redactEnvFile, redactSecrets } from "../../../../mcp/core/redact_secrets.ts";

const FIXTURES = new URL("../../../fixtures/service_configs/", import.meta.url);
const fixture = (name: string) => Deno.readTextFileSync(new URL(name, FIXTURES));

/** Every secret planted in the fixtures; none may survive redaction. */
const SECRETS = [
  "0123456789abcdef0123456789abcdef",
  "fedcba9876543210fedcba9876543210",
  "hunter2-cert-pass",
  "5abcdef0123456789abcdef012345678",
  "9876543210fedcba9876543210fedcba",
  "usenet-S3cret!",
  "qbt_0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  "ARQ77eY1NUZaQsuDHbIMCA",
  "xyzPlexTokenAbC123456",
  "b4zarr0123456789abcdef0123456789",
  "0pensubs-pass",
  "MTY5OTk5OTk5OTk5OWJjZGVmZ2hpamtsbW5vcA",
  "vApIdPrIvAtEkEy987654321",
  "claim-AbCdEf123456",
  "wOEI9rqqbDwnN8",
  "adminpass",
  "eyJhbGciOiJIUzI1NiJ9",
  "indexerKEY999",
];

function assertNoSecrets(text: string, file: string) {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${file} still contains ${s}`);
}

for (
  const file of [
    "sonarr_config.xml",
    "radarr_config_no_urlbase.xml",
    "sabnzbd.ini",
    "qBittorrent.conf",
    "Preferences.xml",
    "bazarr_config.yaml",
    "overseerr_settings.json",
    "sonarr.log",
  ]
) {
  Deno.test(`redactSecrets() removes every planted secret from ${file} and keeps the rest`, () => {
    const original = fixture(file);
    const { text, count } = redactSecrets(original);
    assertNoSecrets(text, file);
    assert.ok(count > 0);
    assert.ok(text.includes(REDACTED));
    assert.equal(text.split("\n").length, original.split("\n").length);
  });
}

Deno.test("redactSecrets() keeps non-secret settings readable", () => {
  const xml = redactSecrets(fixture("sonarr_config.xml")).text;
  assert.match(xml, /<Port>8989<\/Port>/);
  assert.match(xml, /<UrlBase>\/sonarr<\/UrlBase>/);
  assert.match(xml, /<ApiKey>\[REDACTED\]<\/ApiKey>/);
  const ini = redactSecrets(fixture("sabnzbd.ini")).text;
  assert.match(ini, /^port = 8080$/m);
  assert.match(ini, /^api_key = \[REDACTED\]$/m);
  assert.match(ini, /^username = usenetuser$/m);
  const qbt = redactSecrets(fixture("qBittorrent.conf")).text;
  assert.match(qbt, /^WebUI\\Port=8090$/m);
  assert.match(qbt, /^WebUI\\Password_PBKDF2="\[REDACTED\]"$/m);
  const plex = redactSecrets(fixture("Preferences.xml")).text;
  assert.match(plex, /PlexOnlineToken="\[REDACTED\]"/);
  assert.match(plex, /FriendlyName="media-box"/);
  const json = redactSecrets(fixture("overseerr_settings.json")).text;
  assert.doesNotThrow(() => JSON.parse(json));
  assert.match(json, /"vapidPublic": "BPublicKeyIsFineToShow"/);
});

Deno.test("redactSecrets() redacts URL query keys, auth headers and URL passwords in log lines", () => {
  const log = redactSecrets(fixture("sonarr.log")).text;
  assert.match(log, /apikey=\[REDACTED\]&output=json/);
  assert.match(log, /http:\/\/admin:\[REDACTED\]@qbittorrent:8090/);
  assert.match(log, /Authorization: Bearer \[REDACTED\]/);
  assert.match(log, /X-Api-Key: \[REDACTED\]/);
});

Deno.test("redactSecrets() leaves text without secrets unchanged", () => {
  const text =
    "services:\n  sonarr:\n    image: lscr.io/linuxserver/sonarr:latest\n    ports:\n      - 8989:8989\n";
  assert.deepEqual(redactSecrets(text), { text, count: 0 });
});

Deno.test("redactEnvFile() redacts every value except plain settings", () => {
  const { text } = redactEnvFile(fixture("stack.env"));
  assertNoSecrets(text, "stack.env");
  assert.match(text, /^PUID=1000$/m);
  assert.match(text, /^TZ=Europe\/Berlin$/m);
  assert.match(text, /^WEBUI_PORT=8080$/m);
  assert.match(text, /^OPENVPN_USER=\[REDACTED\]$/m);
  assert.match(text, /^# stack settings$/m);
});

Deno.test("redactSecrets() hides secrets in compose environment entries, list and map style", () => {
  const compose = [
    "services:",
    "  sonarr:",
    "    environment:",
    "      - SONARR__AUTH__APIKEY=abcdef0123456789",
    "      - TZ=Europe/Berlin",
    "  gluetun:",
    "    environment:",
    "      WIREGUARD_PRIVATE_KEY: wOEI9rqqbDwnN8Bpp22s",
    '      OPENVPN_PASSWORD: "pa55 word"',
    "      PLEX_CLAIM: claim-xyz987",
  ].join("\n");
  const { text } = redactSecrets(compose);
  for (const s of ["abcdef0123456789", "wOEI9rqqbDwnN8Bpp22s", "pa55 word", "claim-xyz987"]) {
    assert.ok(!text.includes(s), s);
  }
  assert.match(text, /TZ=Europe\/Berlin/);
});

// The "Zq9" prefix keeps a generated value from also occurring elsewhere in the text by chance.
const secretValue = fc.stringMatching(/^[A-Za-z0-9+\/=_.~-]{6,40}$/).map((v) => `Zq9${v}`);
const secretName = fc.constantFrom(
  "ApiKey",
  "api_key",
  "apikey",
  "X-Api-Key",
  "nzb_key",
  "PlexOnlineToken",
  "token",
  "password",
  "WebUI\\Password_PBKDF2",
  "SONARR_API_KEY",
  "client_secret",
  "WIREGUARD_PRIVATE_KEY",
);
const format = fc.constantFrom(
  (k: string, v: string) => `<${k}>${v}</${k}>`,
  (k: string, v: string) => `<Preferences ${k}="${v}" Other="1"/>`,
  (k: string, v: string) => `${k} = ${v}`,
  (k: string, v: string) => `${k}=${v}`,
  (k: string, v: string) => `  ${k}: ${v}`,
  (k: string, v: string) => `  - ${k}=${v}`,
  (k: string, v: string) => `{"${k}": "${v}", "port": 1}`,
  (k: string, v: string) => `GET http://host/api?mode=queue&${k}=${v}&output=json`,
  (k: string, v: string) => `2026-11-22|Debug|Http|${k}: ${v}`,
);

Deno.test("redactSecrets() never lets a secret value through in any supported format (property)", () => {
  fc.assert(
    fc.property(
      secretName,
      secretValue,
      format,
      fc.constantFrom("", "line before\n"),
      (key, value, fmt, before) => {
        const text = `${before}${fmt(key, value)}\nafter=1\n`;
        const out = redactSecrets(text).text;
        assert.ok(!out.includes(value), `${JSON.stringify(text)} → ${JSON.stringify(out)}`);
      },
    ),
    { numRuns: 1000 },
  );
});
