import assert from "node:assert/strict";
import { type UpgradeLine, upgradeNote, upgradesPanel } from "../../../templates/upgrades_panel.ts";
import { overviewPage } from "../../../templates/overview_page.ts";
import { withProblems } from "../../../mcp/dashboard/problems.ts";
import { upgradesView } from "../../../mcp/dashboard/upgrades_view.ts";
import { sampleStatus } from "../mcp/dashboard/fixtures.ts";

const d = (c: string) => `sha256:${c.repeat(64)}`;

function line(container: string, kind: string, risk: string, extra: Partial<UpgradeLine> = {}): UpgradeLine {
  return {
    container,
    image: `lscr.io/linuxserver/${container}:1.0.0`,
    current: { tag: "1.0.0", digest: d("a") },
    candidate: { tag: "1.0.1", digest: d("b") },
    kind,
    risk,
    notes: { source: "", url: "", summary: "" },
    managed_by: "compose",
    ...extra,
  };
}

const sonarr = line("sonarr", "patch", "low", {
  notes: {
    source: "arr",
    url: "javascript:alert(1)",
    summary: "Sonarr 4.0.14 → 4.0.15: 1 new, 0 fixed\nNew: <img src=x onerror=alert(1)> migration",
  },
});
const plex = line("plex", "major", "high", {
  current: { tag: "1.40.0", digest: d("c") },
  candidate: { tag: "2.0.0", digest: d("d") },
  notes: {
    source: "https://github.com/x/y",
    url: "https://github.com/x/y/releases/tag/2.0.0",
    summary: "Breaking: a",
  },
});
const radarr = line("radarr", "digest", "low", {
  current: { tag: "latest", digest: d("e") },
  candidate: { tag: "latest", digest: d("f") },
});
const bazarr = line("bazarr", "minor", "medium");

Deno.test("upgradesPanel() lists upgrades worst risk first, escaped, and names the tools that act", () => {
  const html = String(upgradesPanel({
    checked_at: "2026-12-02T09:00:00.000Z",
    upgrades: [sonarr, radarr, bazarr, plex],
    not_checked: 2,
  }));
  const order = [...html.matchAll(/data-upgrade="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(
    order,
    ["plex", "bazarr", "sonarr", "radarr"],
    "high, medium, then low by kind (patch, digest)",
  );
  assert.match(html, /Upgrades <span class="count">4<\/span>/);
  assert.match(html, /<code>1\.40\.0<\/code> → <code>2\.0\.0<\/code>/);
  assert.match(html, /<code>latest<\/code>: <code>eeeeeeeeeeee<\/code> → <code>ffffffffffff<\/code>/);
  assert.match(html, /badge-bad" data-field="risk">high/);
  assert.match(html, /badge-warn" data-field="risk">medium/);
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.doesNotMatch(html, /javascript:/, "only https links");
  assert.match(html, /href="https:\/\/github\.com\/x\/y\/releases\/tag\/2\.0\.0"/);
  assert.match(html, /<code>upgrade_plan<\/code>/);
  assert.match(html, /<code>upgrade_apply<\/code>/);
  assert.match(html, /2026-12-02 09:00:00 UTC/);
  assert.match(html, /2 containers could not be checked/);
});

Deno.test("upgradesPanel() before the first check and with nothing to upgrade says so without alarm", () => {
  const none = String(upgradesPanel(upgradesView(null)));
  assert.match(none, /no check has run yet/);
  assert.match(none, /upgrades_list/);
  assert.doesNotMatch(none, /badge-bad|summary-bad/);
  const clean = String(
    upgradesPanel({ checked_at: "2026-12-02T09:00:00.000Z", upgrades: [], not_checked: 0 }),
  );
  assert.match(clean, /every checked image is the\snewest of its tag family/);
  assert.doesNotMatch(clean, /could not be checked|<table/);
});

Deno.test("upgradeNote() is the container page's line: the move, kind and risk", () => {
  assert.match(
    String(upgradeNote(plex, "2026-12-02T09:00:00.000Z")),
    /1\.40\.0.*2\.0\.0.*major.*high risk.*upgrade_plan/s,
  );
  assert.match(String(upgradeNote(null, "2026-12-02T09:00:00.000Z")), /none found/);
  assert.match(String(upgradeNote(null, null)), /not checked yet/);
});

Deno.test("overviewPage() shows the upgrades panel only when the view has one", () => {
  const status = sampleStatus(3, 1);
  const view = withProblems({
    ...status,
    containers: status.containers.map((c) => ({ ...c, error_line: null, port_links: [] })),
  });
  const withPanel = overviewPage({
    ...view,
    upgrades: upgradesView({ checked_at: "2026-12-02T09:00:00.000Z", upgrades: [], errors: [] }),
  });
  assert.match(withPanel, /data-field="upgrades"/);
  assert.doesNotMatch(overviewPage(view), /data-field="upgrades"/);
});
