import assert from "node:assert/strict";
import { alertsPanel } from "../../../templates/alerts_panel.ts";
import { overviewPage } from "../../../templates/overview_page.ts";
import { withProblems } from "../../../mcp/dashboard/problems.ts";
import { sampleStatus } from "../mcp/dashboard/fixtures.ts";

const stuck = {
  rule: "stuck_download",
  severity: "warning",
  message: 'Download "Show.S01E01" made no progress for 3 checks <script>alert(1)</script>',
  first_seen: "2026-11-22T03:40:00.000Z",
};
const disk = {
  rule: "disk_space",
  severity: "critical",
  message: "Disk /media-server has 2% free",
  first_seen: "2026-11-22T03:50:00.000Z",
};

Deno.test("alertsPanel() lists open alerts worst first, escaped, and names the tools that act on them", () => {
  const html = String(alertsPanel([stuck, disk]));
  assert.match(html, /2 open alerts/);
  assert.ok(html.indexOf("Disk /media-server") < html.indexOf("Show.S01E01"), "critical before warning");
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /&lt;script&gt;/);
  assert.match(html, /alerts_recent/);
  assert.equal(String(alertsPanel([])), "");
});

Deno.test("overviewPage() shows open alerts before the problem summary", () => {
  const status = sampleStatus(3, 1);
  const view = {
    ...status,
    containers: status.containers.map((c) => ({ ...c, error_line: null, port_links: [] })),
    alerts: { available: true, open: [disk] },
  };
  const html = overviewPage(withProblems(view));
  const alertsAt = html.indexOf('data-field="alerts"');
  assert.ok(alertsAt > 0, "the panel is on the page");
  assert.ok(alertsAt < html.indexOf('data-field="problems"'), "alerts come first");
  const quiet = overviewPage(withProblems({ ...view, alerts: { available: true, open: [] } }));
  assert.doesNotMatch(quiet, /data-field="alerts"/);
});
