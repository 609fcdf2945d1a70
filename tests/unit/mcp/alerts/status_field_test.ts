import assert from "node:assert/strict";
import { AlertStore } from "../../../../mcp/alerts/alert_store.ts";
import { collectStatus } from "../../../../mcp/dashboard/status.ts";
import type { AlertsPort } from "../../../../mcp/toolkit/alerts_port.ts";
import { dashboardDeps } from "../dashboard/fixtures.ts";

Deno.test("/api/status carries the open alerts (and says when no watcher runs), schema still 1", async () => {
  const store = new AlertStore(":memory:");
  const id = store.insertAlert(
    { rule: "disk_space", subject: "/srv/media", severity: "critical", message: "Low disk space" },
    Date.UTC(2026, 10, 22),
    true,
  );
  store.insertAlert({ rule: "arr_health", subject: "sonarr:X", severity: "info", message: "m" }, 0, false);
  store.resolveAlert(store.list("open", 10).find((a) => a.rule === "arr_health")!.id, 1);
  const alerts = { recent: (state, limit) => store.list(state, limit) } as Pick<AlertsPort, "recent">;
  const deps = await dashboardDeps([]);
  try {
    const without = await collectStatus(deps);
    assert.deepEqual(without.alerts, { available: false, open: [] });
    const status = await collectStatus({ ...deps, alerts: alerts as AlertsPort });
    assert.equal(status.schema, 1);
    assert.equal(status.alerts.available, true);
    assert.deepEqual(status.alerts.open.map((a) => [a.id, a.rule, a.severity]), [[
      id,
      "disk_space",
      "critical",
    ]]);
  } finally {
    store.close();
    await Deno.remove(deps.dataDir, { recursive: true });
  }
});
