// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/**
 * One container: inspect summary (environment variable names only, never values), stats and the last log
 * lines. The caller passes already-redacted command, labels and logs.
 */
import type { ContainerDetails } from "../shared/container_details.ts";
import { formatBytes, formatDuration, formatPercent, formatTime, uptimeMs } from "./format.ts";
import { badge, healthBadge, problemList, row, stackHref, stateTone } from "./components.ts";
import { type Html, html, page } from "./html.ts";
import { layout, type PageNav } from "./layout.ts";

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
  /** For uptime; epoch ms. */
  now: number;
}

export function containerPage(v: ContainerView, nav: PageNav = {}): string {
  const d = v.details;
  const body = html`<p class="crumbs"><a href="/">Overview</a> › Containers</p>
<h1>${d.name} ${badge(v.problem ?? d.state, stateTone(d.state, v.problem))}</h1>
${problemList(v.problem !== null ? [`Container ${d.name}: ${v.problem}`] : [])}
<div class="cards">
<section class="card wide"><h2>Summary</h2><dl>
${row("ID", html`<code>${d.id.slice(0, 12)}</code>`)}
${row("Image", d.image)}
${row("State", d.state)}
${row("Health", healthBadge(d.healthStatus))}
${row("Started", formatTime(d.startedAt))}
${row("Uptime", formatDuration(uptimeMs(d.state, d.startedAt, v.now)))}
${d.finishedAt !== null && !d.running ? row("Finished", formatTime(d.finishedAt)) : ""}
${d.exitCode !== null && !d.running ? row("Exit code", String(d.exitCode)) : ""}
${row("Restarts", String(d.restartCount))}
${row("Restart policy", d.restartPolicy ?? "–")}
${
    v.composeProject !== null
      ? row("Stack", html`<a href="${stackHref(v.composeProject)}">${v.composeProject}</a>`)
      : ""
  }
${row("Command", html`<code>${d.command.join(" ") || "–"}</code>`)}
${row("Ports", d.ports.length > 0 ? d.ports.join(", ") : "–")}
</dl></section>
${statsCard(v.stats, v.statsNote)}
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
${logsSection(v.logs, v.logsError, v.logTail)}`;
  return page(layout({ title: `Container ${d.name}`, current: "container", body, services: nav.services ?? false }));
}

function statsCard(s: ContainerStatsView | null, note: string | null): Html {
  if (s === null) {
    return html`
      <section class="card">
        <h2>Stats</h2>
        <p class="muted">${note ?? "Not available."}</p>
      </section>
    `;
  }
  return html`
    <section class="card">
      <h2>Stats</h2>
      <dl>
    ${row("CPU", formatPercent(s.cpuPercent))}
    ${row(
      "Memory",
      `${formatBytes(s.memUsageBytes)}${s.memLimitBytes > 0 ? ` of ${formatBytes(s.memLimitBytes)}` : ""}`,
    )}
    ${row("Network in / out", `${formatBytes(s.netInputBytes)} / ${formatBytes(s.netOutputBytes)}`)}
    ${row("Block in / out", `${formatBytes(s.blockInputBytes)} / ${formatBytes(s.blockOutputBytes)}`)}
    ${row("Processes", String(s.pids))}
      </dl>
    </section>
  `;
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

function logsSection(logs: readonly LogLineView[] | null, error: string | null, tail: number): Html {
  const inner = logs === null
    ? html`<p class="detail bad">${error ?? "Logs not available."}</p>`
    : logs.length === 0
    ? html`<p class="muted">No log lines.</p>`
    : html`<pre class="code logs"><code>${
      logs.map((l) => html`<span class="log-${l.stream}">${l.text}</span>\n`)
    }</code></pre>`;
  return html`<section><h2>Logs</h2><p class="note">Last ${tail} lines, stderr marked; secret-looking values are replaced by [REDACTED].</p>${inner}</section>`;
}
