import assert from "node:assert/strict";
import { isSecretName } from "../../../../shared/redact/mod.ts";

Deno.test("isSecretName() knows the secret setting names of the services, in any case and spelling", () => {
  for (
    const name of [
      "ApiKey",
      "api_key",
      "X-Api-Key",
      "--api-key",
      "nzb_key",
      "PlexOnlineToken",
      "X-Plex-Token",
      "WebUI\\Password_PBKDF2",
      "passwd",
      "passphrase",
      "client_secret",
      "WIREGUARD_PRIVATE_KEY",
      "credentials",
      "Set-Cookie",
      "PLEX_CLAIM",
      "Proxy-Authorization",
      "pass",
      "pwd",
      "auth",
      "HTTP_AUTH",
      "sid",
      "QBT_SID_8080",
    ]
  ) {
    assert.equal(isSecretName(name), true, name);
  }
});

Deno.test("isSecretName() leaves ordinary setting names alone, including words that merely contain a marker", () => {
  for (
    const name of [
      "Port",
      "UrlBase",
      "AuthenticationMethod",
      "LocalHostAuth",
      "bypass",
      "author",
      "username",
      "side",
    ]
  ) {
    assert.equal(isSecretName(name), false, name);
  }
});
