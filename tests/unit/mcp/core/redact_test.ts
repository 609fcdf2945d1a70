import assert from "node:assert/strict";
import { MAX_AUDIT_STRING, REDACTED, redactText, redactValue } from "../../../../mcp/core/redact.ts";

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

Deno.test("redactValue() replaces long strings by their length and digest", () => {
  const content = "services:\n  web: {}\n".repeat(40);
  const out = redactValue({ content }) as { content: string };
  assert.match(out.content, new RegExp(`^\\[${content.length} chars, sha256 [0-9a-f]{16}\\]$`));
  assert.equal(
    (redactValue({ s: "x".repeat(MAX_AUDIT_STRING) }) as { s: string }).s.length,
    MAX_AUDIT_STRING,
  );
});

Deno.test("redactValue() keeps only the length and digest of file content, however short", () => {
  const out = redactValue({
    path: "/opt/stacks/a/.env",
    content: "hunter2-but-not-named",
    contents: "x",
  }) as Record<
    string,
    string
  >;
  assert.equal(out.path, "/opt/stacks/a/.env");
  assert.match(out.content ?? "", /^\[21 chars, sha256 [0-9a-f]{16}\]$/);
  assert.match(out.contents ?? "", /^\[1 chars, sha256 [0-9a-f]{16}\]$/);
});

Deno.test("redactText() removes every occurrence of each secret and ignores empty ones", () => {
  assert.equal(redactText("key abc and abc", ["abc", ""]), `key ${REDACTED} and ${REDACTED}`);
  assert.equal(redactText("nothing", []), "nothing");
});

Deno.test("redactValue() hides secret-looking settings inside short strings", () => {
  const out = redactValue({
    content: "environment:\n  - DB_PASSWORD=hunter2\n",
    url: "http://x/api?apikey=abc123",
  });
  assert.doesNotMatch(JSON.stringify(out), /hunter2|abc123/);
});
