import assert from "node:assert/strict";
import { openAlertStore } from "../../../../mcp/alerts/open_alert_store.ts";

Deno.test("a damaged alerts.db is kept aside, a new store starts, one line names both, the file is 0600", async () => {
  const dir = await Deno.makeTempDir({ prefix: "arr-alerts-open-" });
  try {
    const path = `${dir}/alerts.db`;
    const garbage = "not a database\n".repeat(200);
    await Deno.writeTextFile(path, garbage, { mode: 0o644 });
    const logs: string[] = [];
    const store = await openAlertStore(path, Date.UTC(2026, 10, 22, 4), (l) => logs.push(l));
    store.insertAlert({ rule: "r", subject: "s", severity: "info", message: "m" }, 0, false);
    assert.equal(store.list("open", 5).length, 1);
    store.close();
    assert.equal(await Deno.readTextFile(`${path}.bad-20261122T040000Z`), garbage);
    assert.equal(logs.length, 1);
    assert.match(
      logs[0]!,
      /alert store ".*alerts\.db" could not be used .*kept it as ".*alerts\.db\.bad-20261122T040000Z"/,
    );
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    const again = await openAlertStore(path, 0, (l) => logs.push(l));
    assert.equal(again.list("open", 5).length, 1, "a good file is opened as it is");
    again.close();
    assert.equal(logs.length, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
