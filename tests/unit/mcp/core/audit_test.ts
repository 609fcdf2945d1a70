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

Deno.test("openAuditLog() records how a destructive call was confirmed, and adds the column to an older log", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/audit.db`;
    const { DatabaseSync } = await import("node:sqlite");
    const old = new DatabaseSync(path);
    old.exec(
      `CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, call_id TEXT NOT NULL,
      tool TEXT NOT NULL, phase TEXT NOT NULL CHECK (phase IN ('attempted', 'succeeded', 'failed')),
      args TEXT NOT NULL, detail TEXT)`,
    );
    old.exec(
      `INSERT INTO audit (at, call_id, tool, phase, args) VALUES ('2026-01-01T00:00:00Z', 'c0', 'x', 'attempted', '{}')`,
    );
    old.close();
    const log = openAuditLog(path, { clock: testClock() });
    log.record({
      callId: "c1",
      tool: "container_remove",
      phase: "attempted",
      args: {},
      confirmedBy: "elicitation",
    });
    log.record({
      callId: "c2",
      tool: "container_remove",
      phase: "attempted",
      args: {},
      confirmedBy: "token",
    });
    log.record({ callId: "c3", tool: "compose_write", phase: "attempted", args: {} });
    assert.deepEqual(log.recent(4).map((e) => [e.callId, e.confirmedBy]), [
      ["c3", null],
      ["c2", "token"],
      ["c1", "elicitation"],
      ["c0", null],
    ]);
    log.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
