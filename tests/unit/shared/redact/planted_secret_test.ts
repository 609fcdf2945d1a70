/**
 * Properties: a secret planted in any supported shape, amid random text, never comes out of redactSecrets().
 * Values are drawn from what keys and passwords look like in configs ([A-Za-z0-9+/=_.~-]); a value holding a
 * delimiter (space, `&`, `,`, `;`, quotes, `<`, `>`) may only be cut at it when it is neither quoted nor at the
 * start of a line (see shared/redact/value_span.ts).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { REDACTED, redactSecrets } from "../../../../shared/redact/mod.ts";

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
  "pwd",
  "sid",
);
type Shape = (k: string, v: string) => string;
const shape = fc.constantFrom<Shape[]>(
  (k, v) => `<${k}>${v}</${k}>`,
  (k, v) => `<Preferences ${k}="${v}" Other="1"/>`,
  (k, v) => `${k} = ${v}`,
  (k, v) => `${k}=${v}`,
  (k, v) => `  ${k}: ${v}`,
  (k, v) => `  - ${k}=${v}`,
  (k, v) => `export ${k}="${v}"`,
  (k, v) => `{"${k}": "${v}", "port": 1}`,
  (k, v) => `{"a":{"${k}":"${v}"}}`,
  (k, v) => `GET http://host/api?mode=queue&${k}=${v}&output=json`,
  (k, v) => `2026-11-22|Debug|Http|${k}: ${v}`,
  (k, v) => `cmd --${k}=${v} --x`,
  (k, v) => `cmd --${k} ${v} --x`,
  (_k, v) => `Authorization: Bearer ${v}`,
  (_k, v) => `"Authorization": "Basic ${v}"`,
  // A URL's userinfo cannot hold a raw `/` (RFC 3986): it comes percent-encoded.
  (_k, v) => `Failed: https://admin:${v.replaceAll("/", "%2F")}@qbittorrent:8090/api`,
);
/**
 * Random text before and after the shape (or none), set apart by a space or a line break so it cannot merge
 * with the key's name.
 */
const surrounding = fc.string({ maxLength: 30, unit: "binary-ascii" });
const gap = fc.constantFrom(" ", "\n", "\t", "\r\n");
const before = fc.oneof(fc.constant(""), fc.tuple(surrounding, gap).map(([text, g]) => text + g));
const after = fc.oneof(fc.constant(""), fc.tuple(gap, surrounding).map(([g, text]) => g + text));

Deno.test("redactSecrets() never lets a planted secret through in any supported shape (property)", () => {
  fc.assert(
    fc.property(
      secretName,
      secretValue,
      shape,
      before,
      after,
      (key, value, fmt, lead, trail) => {
        const text = `${lead}${fmt(key, value)}${trail}`;
        const out = redactSecrets(text).text;
        assert.ok(
          !out.includes(value) && !out.includes(value.replaceAll("/", "%2F")),
          `${JSON.stringify(text)} → ${JSON.stringify(out)}`,
        );
      },
    ),
    { numRuns: 3000 },
  );
});

Deno.test("redactSecrets() never lets a known secret through, whatever it contains (property)", () => {
  // A value inside the mask itself ("RED") or holding a bracket could be rebuilt by the mask and its neighbours.
  const known = fc.string({ minLength: 3, maxLength: 40, unit: "binary" })
    .filter((s) => !/[[\]]/.test(s) && !REDACTED.includes(s));
  fc.assert(
    fc.property(known, surrounding, surrounding, (secret, before, after) => {
      const out = redactSecrets(`${before}${secret}${after}`, [secret]).text;
      return !out.includes(secret);
    }),
    { numRuns: 1000 },
  );
});
