import assert from "node:assert/strict";
import { openAuditLog } from "../../../../mcp/core/audit.ts";
import { REDACTED } from "../../../../shared/redact/mod.ts";
import { testClock } from "../_support/test_deps.ts";

Deno.test("openAuditLog() stores redacted entries in a SQLite file and reads them newest first", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/audit.db`;
    const clock = testClock();
    const log = openAuditLog(path, { clock, secrets: ["sekrit-key"] });
    log.record({
      callId: "c1",
      tool: "container_stop",
      phase: "attempted",
      args: { name: "web", token: "t" },
    });
    clock.advance(1000);
    log.record({ callId: "c1", tool: "container_stop", phase: "failed", args: {}, detail: "bad sekrit-key" });
    log.close();
    const reopened = openAuditLog(path, { clock });
    const rows = reopened.recent(10);
    reopened.close();
    assert.equal(rows.length, 2);
    assert.equal(rows[0]?.phase, "failed");
    assert.equal(rows[0]?.detail, `bad ${REDACTED}`);
    assert.equal(rows[1]?.args, JSON.stringify({ name: "web", token: REDACTED }));
    assert.equal(rows[1]?.at, new Date(clock.now() - 1000).toISOString());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
