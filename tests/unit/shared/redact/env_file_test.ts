import assert from "node:assert/strict";
import { redactEnvFile } from "../../../../shared/redact/mod.ts";
import { assertNoSecrets, fixture } from "./_planted.ts";

Deno.test("redactEnvFile() redacts every value except plain settings", () => {
  const { text } = redactEnvFile(fixture("stack.env"));
  assertNoSecrets(text, "stack.env");
  assert.match(text, /^PUID=1000$/m);
  assert.match(text, /^TZ=Europe\/Berlin$/m);
  assert.match(text, /^WEBUI_PORT=8080$/m);
  assert.match(text, /^OPENVPN_USER=\[REDACTED\]$/m);
  assert.match(text, /^# stack settings$/m);
});

Deno.test("redactEnvFile() keeps CRLF line ends, empty values and lower-case *_port names apart", () => {
  const { text, count } = redactEnvFile("A_PORT=1\r\nTOKEN=abc\r\nEMPTY=\r\nweb_port=2\r\n");
  assert.equal(text, "A_PORT=1\r\nTOKEN=[REDACTED]\r\nEMPTY=\r\nweb_port=[REDACTED]\r\n");
  assert.equal(count, 2);
});
