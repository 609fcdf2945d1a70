import assert from "node:assert/strict";
import { REDACTED, redactText, redactValue } from "../../../../shared/redact/mod.ts";

Deno.test("redactValue() hides secret-named fields at any depth", () => {
  const out = redactValue({
    name: "sonarr",
    api_key: "abc",
    nested: { Password: "p", list: [{ confirm_token: "t", keep: 1 }], authorization: "Bearer x" },
  });
  assert.deepEqual(out, {
    name: "sonarr",
    api_key: REDACTED,
    nested: { Password: REDACTED, list: [{ confirm_token: REDACTED, keep: 1 }], authorization: REDACTED },
  });
});

Deno.test("redactValue() hides a whole object or list under a secret name", () => {
  assert.deepEqual(redactValue({ credentials: { user: "u", pass: "p" }, secrets: [1, 2] }), {
    credentials: REDACTED,
    secrets: REDACTED,
  });
});

Deno.test("redactText() removes every occurrence of each secret and ignores empty ones", () => {
  assert.equal(redactText("key abc and abc", ["abc", ""]), `key ${REDACTED} and ${REDACTED}`);
  assert.equal(redactText("nothing", []), "nothing");
});

Deno.test("redactValue() hides secret-looking settings and known secrets inside strings", () => {
  const out = redactValue(
    {
      content: "environment:\n  - DB_PASSWORD=hunter2\n",
      url: "http://x/api?apikey=abc123",
      note: "k-9f8e7d",
    },
    ["k-9f8e7d"],
  );
  assert.doesNotMatch(JSON.stringify(out), /hunter2|abc123|k-9f8e7d/);
});

Deno.test("redactValue() keeps numbers, booleans and null as they are", () => {
  assert.deepEqual(redactValue({ port: 8989, on: true, none: null, list: [1, "a"] }), {
    port: 8989,
    on: true,
    none: null,
    list: [1, "a"],
  });
});
