import assert from "node:assert/strict";
import { MAX_AUDIT_STRING, summariseForAudit } from "../../../../mcp/core/audit_summary.ts";

Deno.test("summariseForAudit() replaces long strings by their length and digest", () => {
  const content = "services:\n  web: {}\n".repeat(40);
  const out = summariseForAudit({ nested: [{ text: content }] }) as { nested: [{ text: string }] };
  assert.match(out.nested[0].text, new RegExp(`^\\[${content.length} chars, sha256 [0-9a-f]{16}\\]$`));
  assert.equal(
    (summariseForAudit({ s: "x".repeat(MAX_AUDIT_STRING) }) as { s: string }).s.length,
    MAX_AUDIT_STRING,
  );
});

Deno.test("summariseForAudit() keeps only the length and digest of file content, however short", () => {
  const out = summariseForAudit({
    path: "/opt/stacks/a/.env",
    content: "hunter2-but-not-named",
    contents: "x",
    port: 8989,
  }) as Record<string, unknown>;
  assert.equal(out.path, "/opt/stacks/a/.env");
  assert.equal(out.port, 8989);
  assert.match(String(out.content), /^\[21 chars, sha256 [0-9a-f]{16}\]$/);
  assert.match(String(out.contents), /^\[1 chars, sha256 [0-9a-f]{16}\]$/);
});
