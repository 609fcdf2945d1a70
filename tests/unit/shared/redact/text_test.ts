import assert from "node:assert/strict";
import { REDACTED, redactSecrets } from "../../../../shared/redact/mod.ts";
import { assertNoSecrets, fixture } from "./_planted.ts";

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

// The property over every supported shape (with random surroundings) is in planted_secret_test.ts.

Deno.test("redactSecrets() keeps the scheme of an Authorization header and masks only its credentials", () => {
  assert.equal(
    redactSecrets("curl -H 'Authorization: Basic dXNlcjpwYXNz' http://h").text,
    "curl -H 'Authorization: Basic [REDACTED]' http://h",
  );
  assert.equal(redactSecrets("Authorization: Bearer abc.def").text, "Authorization: Bearer [REDACTED]");
  assert.equal(redactSecrets('{"Authorization": "Bearer abc"}').text, '{"Authorization": "[REDACTED]"}');
});

Deno.test("redactSecrets() masks the value of a secret-named command-line flag, with = or a space", () => {
  assert.equal(
    redactSecrets("run --api-key=k1 --password hunter2 --verbose --token 'a b' -p 80").text,
    "run --api-key=[REDACTED] --password [REDACTED] --verbose --token '[REDACTED]' -p 80",
  );
  assert.equal(redactSecrets("run --password --verbose").text, "run --password --verbose");
});

Deno.test("redactSecrets() masks a whole Cookie header and the last @ of URL credentials", () => {
  assert.equal(
    redactSecrets("Headers: Cookie: a=1; session=xyz\nnext").text,
    "Headers: Cookie: [REDACTED]\nnext",
  );
  assert.equal(
    redactSecrets("GET https://u:p@ss:w@host:1/x?page=2").text,
    "GET https://u:[REDACTED]@host:1/x?page=2",
  );
  assert.equal(redactSecrets("http://host:8080/path").text, "http://host:8080/path");
});

Deno.test("redactSecrets() replaces every known secret value, however it is embedded", () => {
  const r = redactSecrets("key=abcd1234 in abcd1234x and (abcd1234)", ["abcd1234", ""]);
  assert.equal(r.text, "key=[REDACTED] in [REDACTED]x and ([REDACTED])");
  assert.equal(r.count, 3);
});

Deno.test("redactSecrets() treats pass, pwd, auth and sid as secret words only when whole", () => {
  assert.equal(
    redactSecrets("?sid=s1&QBT_SID_8080=s2&pwd=p&pass=q&bypass=1&auth=a&LocalHostAuth=false").text,
    "?sid=[REDACTED]&QBT_SID_8080=[REDACTED]&pwd=[REDACTED]&pass=[REDACTED]&bypass=1&auth=[REDACTED]" +
      "&LocalHostAuth=false",
  );
  const xml = "<AuthenticationMethod>Forms</AuthenticationMethod>";
  assert.equal(redactSecrets(xml).text, xml);
});

Deno.test("redactSecrets() is idempotent: a redacted text is left as it is and counts nothing", () => {
  for (const file of ["sonarr_config.xml", "sabnzbd.ini", "qBittorrent.conf", "sonarr.log", "stack.env"]) {
    const once = redactSecrets(fixture(file)).text;
    assert.deepEqual(redactSecrets(once), { text: once, count: 0 }, file);
  }
});

Deno.test("redactSecrets() leaves empty quoted values visible: an unset password is no secret", () => {
  const text = "password = \"\"\npassword: ''\n";
  assert.deepEqual(redactSecrets(text), { text, count: 0 });
});

Deno.test("redactSecrets() masks an unterminated quoted value to the end of its line", () => {
  assert.equal(redactSecrets('x token="abc def\nnext=1').text, 'x token="[REDACTED]\nnext=1');
});
