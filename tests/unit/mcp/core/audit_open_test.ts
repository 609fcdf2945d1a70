import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { openAuditLogSafely } from "../../../../mcp/core/audit_open.ts";
import { testClock } from "../_support/test_deps.ts";

async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "arr-audit-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Opens the log, collecting the lines it reports. */
async function open(path: string) {
  const lines: string[] = [];
  const clock = testClock(Date.UTC(2026, 10, 22, 4, 5, 6));
  const log = await openAuditLogSafely(path, { clock, log: (l) => lines.push(l) });
  return { log, lines };
}

const record = { callId: "c", tool: "file_write", phase: "attempted" as const, args: {} };

Deno.test("openAuditLogSafely() keeps a file that is not a database aside and starts a new log", async () => {
  await inTempDir(async (dir) => {
    const path = `${dir}/audit.db`;
    await Deno.writeTextFile(path, "this is not a database\n".repeat(200));
    await Deno.writeTextFile(`${path}-shm`, "stale shared memory");
    const { log, lines } = await open(path);
    log.record(record);
    assert.equal(log.recent(5).length, 1);
    log.close();
    const aside = `${path}.bad-20261122T040506Z`;
    assert.deepEqual(lines, [
      `arr-mcp: the audit log "${path}" could not be used (file is not a database): kept it as "${aside}" ` +
      `and started a new one at "${path}"`,
    ]);
    assert.equal(await Deno.readTextFile(aside), "this is not a database\n".repeat(200));
    assert.equal(await Deno.readTextFile(`${aside}-shm`), "stale shared memory");
    assert.ok(
      !(await Deno.stat(`${path}-shm`).then(() => true, () => false)),
      "the new log has no stale -shm",
    );
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
  });
});

Deno.test("openAuditLogSafely() moves aside a database with damaged pages and one it cannot open", async () => {
  await inTempDir(async (dir) => {
    const path = `${dir}/audit.db`;
    const db = new DatabaseSync(path);
    db.exec("CREATE TABLE audit (id INTEGER PRIMARY KEY, x TEXT)");
    const insert = db.prepare("INSERT INTO audit (x) VALUES (?)");
    db.exec("BEGIN");
    for (let i = 0; i < 500; i++) insert.run("x".repeat(300));
    db.exec("COMMIT");
    db.close();
    const bytes = await Deno.readFile(path);
    bytes.fill(0x55, 4096, 3 * 4096); // page 2 and 3: garbage
    await Deno.writeFile(path, bytes);
    const damaged = await open(path);
    damaged.log.close();
    assert.match(damaged.lines[0] ?? "", /could not be used \(integrity check failed: [^\n]*page 2[^\n]*\)/);

    // A folder where the file should be cannot be opened; the second move in the same second gets "-2".
    await Deno.remove(path);
    await Deno.mkdir(path);
    const unopenable = await open(path);
    unopenable.log.close();
    assert.match(unopenable.lines[0] ?? "", /could not be used \(unable to open database file/);
    assert.ok((await Deno.stat(`${path}.bad-20261122T040506Z-2`)).isDirectory);
  });
});

Deno.test("openAuditLogSafely() reuses a healthy log and says nothing", async () => {
  await inTempDir(async (dir) => {
    const path = `${dir}/audit.db`;
    const first = await open(path);
    first.log.record(record);
    first.log.close();
    await Deno.chmod(path, 0o644);
    const second = await open(path);
    assert.equal(second.log.recent(5).length, 1);
    second.log.close();
    assert.deepEqual([first.lines, second.lines], [[], []]);
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
  });
});

Deno.test("openAuditLogSafely() names the file and the fix when it can neither open nor move it", async () => {
  await inTempDir(async (dir) => {
    const path = `${dir}/missing-folder/audit.db`;
    await assert.rejects(
      open(path),
      (e: Error) =>
        e.message.startsWith(`Cannot open the audit log "${path}": unable to open database file`) &&
        e.message.endsWith("Fix: move or remove that file, then start arr-mcp again"),
    );
  });
});
