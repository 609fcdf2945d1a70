import assert from "node:assert/strict";
import { containerPage, type ContainerView } from "../../../templates/container_page.ts";
import { fakeContainer } from "../mcp/dashboard/fixtures.ts";

function view(state: "running" | "exited", overrides: Partial<ContainerView> = {}): ContainerView {
  const details = fakeContainer("sonarr", state).details;
  return {
    details: { ...details, exitCode: state === "running" ? null : 3 },
    problem: state === "running" ? null : "exited",
    composeProject: null,
    stats: state === "running"
      ? {
        cpuPercent: 1,
        memUsageBytes: 1,
        memLimitBytes: 0,
        netInputBytes: 0,
        netOutputBytes: 0,
        blockInputBytes: 0,
        blockOutputBytes: 0,
        pids: 3,
      }
      : null,
    statsNote: null,
    logs: [{ stream: "stderr", text: "Error: cannot open /config/app.db" }],
    logsError: null,
    logTail: 100,
    logStream: "/containers/sonarr/logs/stream",
    errorLine: state === "running" ? null : "Error: cannot open /config/app.db",
    portLinks: [{ label: "8989", href: "http://nas.lan:8989/", loopbackOnly: false }],
    now: Date.parse("2026-11-22T04:00:00Z"),
    ...overrides,
  };
}

Deno.test("containerPage() shows a stopped container's last run instead of an empty stats box", () => {
  const html = containerPage(view("exited"));
  assert.match(html, /<section class="card full card-bad" id="last-run"><h2>Last run<\/h2>/);
  assert.match(html, /<dt>Exit code<\/dt><dd>3<\/dd>/);
  assert.match(
    html,
    /<pre class="code error-line"><code>Error: cannot open \/config\/app\.db<\/code><\/pre>/,
  );
  assert.match(html, /<li>Container sonarr: exited \(3\): Error: cannot open/);
  assert.doesNotMatch(html, /Not running\.|<h2>Stats<\/h2>/);
  assert.match(html, /<code>container_start<\/code>/);
});

Deno.test("containerPage() lays stats out as tiles, links ports and wires the live log", () => {
  const html = containerPage(view("running"));
  assert.match(html, /<section class="card full" id="stats"><h2>Stats<\/h2><dl class="tiles">/);
  assert.doesNotMatch(html, /Last run/);
  assert.match(
    html,
    /<a class="port" href="http:\/\/nas\.lan:8989\/" target="_blank" rel="noopener noreferrer"/,
  );
  assert.match(
    html,
    /<pre class="code logs" id="log-view" role="log" tabindex="0" aria-label="Log lines" data-stream="\/containers\/sonarr\/logs\/stream">/,
  );
  assert.match(html, /<script src="\/assets\/log_view\.js" defer><\/script>/);
  assert.match(html, /<code>container_restart<\/code>/);
  const noRuntime = containerPage(view("running", { logStream: null }));
  assert.doesNotMatch(noRuntime, /log_view\.js|data-stream|id="log-tools"/);
});
