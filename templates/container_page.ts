// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/**
 * One container: inspect summary (environment variable names only, never values), stats and the last log
 * lines. The caller passes already-redacted command, labels and logs.
 */
import type { ContainerDetails } from "../shared/container_details.ts";
import { formatBytes, formatDuration, formatPercent, uptimeMs } from "./format.ts";
import { badge, healthBadge, problemList, row, stackHref, stateTone, timeEl } from "./components.ts";
import { imageName } from "./image_name.ts";
import { portChips, type PortView } from "./ports.ts";
import { type Html, html, page } from "./html.ts";
import { layout, type PageNav } from "./layout.ts";
import { type UpgradeLine, upgradeNote } from "./upgrades_panel.ts";

export interface ContainerStatsView {
  cpuPercent: number;
  memUsageBytes: number;
  memLimitBytes: number;
  netInputBytes: number;
  netOutputBytes: number;
  blockInputBytes: number;
  blockOutputBytes: number;
  pids: number;
}

export interface LogLineView {
  stream: "stdout" | "stderr";
  text: string;
}

export interface ContainerView {
  details: ContainerDetails;
  problem: string | null;
  composeProject: string | null;
  /** Null when not running or stats failed (`statsNote` says why). */
  stats: ContainerStatsView | null;
  statsNote: string | null;
  logs: readonly LogLineView[] | null;
  logsError: string | null;
  /** How many lines were asked for. */
  logTail: number;
  /** The live log's event stream (same origin); null without a runtime to follow. */
  logStream: string | null;
  /** Stopped containers: the redacted log line that most likely says why (mcp/dashboard/error_line.ts). */
  errorLine: string | null;
  /** Published ports, linked where the viewer can reach them. */
  portLinks: readonly PortView[];
  /** For uptime; epoch ms. */
  now: number;
  /** The last upgrade check's answer for this container (absent: no line, the upgrades family is off). */
  upgrade?: { line: UpgradeLine | null; checkedAt: string | null };
}

export function containerPage(v: ContainerView, nav: PageNav = {}): string {
  const d = v.details;
  const body = html`<p class="crumbs"><a href="/">Overview</a> › Containers</p>
<h1>${d.name} ${badge(v.problem ?? d.state, stateTone(d.state, v.problem))}</h1>
${problemList(v.problem !== null ? [`Container ${d.name}: ${problemText(v)}`] : [])}
${claudeActions(d.running)}
<div class="cards">
<section class="card full"><h2>Summary</h2><dl class="pairs">
${row("ID", html`<code>${d.id.slice(0, 12)}</code>`)}
${row("Image", imageName(d.image))}
${row("State", d.state)}
${row("Health", healthBadge(d.healthStatus))}
${row("Started", timeEl(d.startedAt))}
${row("Uptime", formatDuration(uptimeMs(d.state, d.startedAt, v.now)))}
${row("Restarts", String(d.restartCount))}
${row("Restart policy", d.restartPolicy ?? "–")}
${
    v.composeProject !== null
      ? row("Stack", html`<a href="${stackHref(v.composeProject)}">${v.composeProject}</a>`)
      : ""
  }
${row("Command", html`<code>${d.command.join(" ") || "–"}</code>`)}
${row("Ports", portChips(v.portLinks))}
${v.upgrade === undefined ? "" : row("Upgrade", upgradeNote(v.upgrade.line, v.upgrade.checkedAt))}
</dl></section>
${d.running ? statsCard(v.stats, v.statsNote) : lastRunCard(v)}
</div>
${mountsSection(d.mounts)}
<section><h2>Environment variables</h2><p class="note">Names only: values can hold secrets and are never shown.</p>
${
    d.envNames.length === 0
      ? html`<p class="muted">None.</p>`
      : html`<ul class="names">${d.envNames.map((n) => html`<li><code>${n}</code></li>`)}</ul>`
  }
</section>
${labelsSection(d.labels)}
${logsSection(v)}`;
  return page(layout({
    title: `Container ${d.name}`,
    current: "container",
    body,
    scripts: v.logStream !== null ? ["log_view.js"] : [],
    services: nav.services ?? false,
  }));
}

/** The page only shows: it names the Claude tools that change or explain this container. */
function claudeActions(running: boolean): Html {
  const tools = running
    ? ["container_restart", "container_stop", "container_logs", "service_diagnose"]
    : ["container_start", "container_logs", "service_diagnose"];
  return html`<p class="note" id="claude-actions">Read-only view. To act on this container, ask Claude: ${
    tools.map((t, i) => html`${i > 0 ? ", " : ""}<code>${t}</code>`)
  }.</p>`;
}

function problemText(v: ContainerView): string {
  const d = v.details;
  const exit = !d.running && d.exitCode !== null && /^(exited|stopped|dead)$/.test(v.problem ?? "")
    ? ` (${d.exitCode})`
    : "";
  return `${v.problem}${exit}${v.errorLine !== null ? `: ${v.errorLine}` : ""}`;
}

/** A stopped container: how its last run ended, instead of an empty stats box. */
function lastRunCard(v: ContainerView): Html {
  const d = v.details;
  const started = d.startedAt === null ? NaN : Date.parse(d.startedAt);
  const finished = d.finishedAt === null ? NaN : Date.parse(d.finishedAt);
  const ran = Number.isNaN(started) || Number.isNaN(finished) || finished < started ? null : finished - started;
  if (d.startedAt === null && d.finishedAt === null) {
    return html`<section class="card full"><h2>Last run</h2><p class="muted">Never started.</p></section>`;
  }
  return html`<section class="card full${v.problem !== null ? " card-bad" : ""}" id="last-run"><h2>Last run</h2>
<dl class="tiles">
<div><dt>Exit code</dt><dd>${d.exitCode ?? "–"}</dd></div>
<div><dt>Finished</dt><dd>${timeEl(d.finishedAt)}</dd></div>
<div><dt>Ran for</dt><dd>${formatDuration(ran)}</dd></div>
<div><dt>Restarts</dt><dd>${d.restartCount}</dd></div>
</dl>
${v.errorLine !== null ? html`<pre class="code error-line"><code>${v.errorLine}</code></pre>` : ""}
</section>`;
}

function statsCard(s: ContainerStatsView | null, note: string | null): Html {
  if (s === null) {
    return html`<section class="card full"><h2>Stats</h2><p class="muted">${note ?? "Not available."}</p></section>`;
  }
  const tile = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<section class="card full" id="stats"><h2>Stats</h2><dl class="tiles">
${tile("CPU", formatPercent(s.cpuPercent))}
${tile("Memory", `${formatBytes(s.memUsageBytes)}${s.memLimitBytes > 0 ? ` of ${formatBytes(s.memLimitBytes)}` : ""}`)}
${tile("Network in / out", `${formatBytes(s.netInputBytes)} / ${formatBytes(s.netOutputBytes)}`)}
${tile("Block in / out", `${formatBytes(s.blockInputBytes)} / ${formatBytes(s.blockOutputBytes)}`)}
${tile("Processes", String(s.pids))}
</dl></section>`;
}

function mountsSection(mounts: ContainerDetails["mounts"]): Html {
  if (mounts.length === 0) return html``;
  return html`
    <section>
      <h2>Mounts</h2>
      <div class="table-wrap">
        <table class="cards-on-phone">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Destination</th>
              <th scope="col">Mode</th>
            </tr>
          </thead>
          <tbody>${mounts.map((m) =>
            html`
              <tr>
                <td data-label="Source" class="path">${m.source}</td>
                <td data-label="Destination" class="path">${m.destination}</td>
                <td data-label="Mode">${m.readOnly ? "ro" : "rw"}</td>
              </tr>
            `
          )}</tbody>
        </table>
      </div>
    </section>
  `;
}

function labelsSection(labels: ContainerDetails["labels"]): Html {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return html``;
  return html`
    <section>
      <h2>Labels</h2>
      <dl class="labels">${entries.map(([k, val]) => row(k, val))}</dl>
    </section>
  `;
}

function logsSection(v: ContainerView): Html {
  const logs = v.logs;
  const box = logs === null
    ? html`<p class="detail bad">${v.logsError ?? "Logs not available."}</p>`
    : html`<pre class="code logs" id="log-view" role="log" tabindex="0" aria-label="Log lines"${
      v.logStream !== null ? html` data-stream="${v.logStream}"` : ""
    }><code>${logs.map((l) => html`<span class="log-line log-${l.stream}">${l.text}\n</span>`)}</code></pre>${
      logs.length === 0 ? html`<p class="muted" id="log-empty">No log lines yet.</p>` : ""
    }`;
  // The tools work only with the script (log_view.js unhides them).
  const tools = v.logStream === null || logs === null ? "" : html`<div class="log-tools" id="log-tools" hidden>
<label><input type="checkbox" id="log-follow" checked> Follow</label>
<button type="button" id="log-pause" aria-pressed="false">Pause</button>
<input type="search" id="log-search" placeholder="Search" aria-label="Search the log" autocomplete="off">
<label>Stream <select id="log-stream"><option value="all">stdout and stderr</option><option value="stdout">stdout</option><option value="stderr">stderr</option></select></label>
<label><input type="checkbox" id="log-times" checked> Timestamps</label>
<span class="log-state" id="log-state" aria-live="polite"></span>
</div>`;
  return html`<section><h2>Logs</h2><p class="note">Last ${v.logTail} lines${
    v.logStream !== null ? ", then live" : ""
  }; stderr marked; secret-looking values are replaced by [REDACTED].</p>${tools}${box}</section>`;
}
