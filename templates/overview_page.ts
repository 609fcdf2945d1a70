// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/** The overview: runtime, helper, disks, stacks and every container, problems first. Pure: data in, HTML out. */
import { formatBytes, formatDuration, formatPercent, uptimeMs } from "./format.ts";
import { badge, containerHref, healthBadge, problemList, row, stackHref, stateTone, timeEl } from "./components.ts";
import { type AlertLine, alertsPanel } from "./alerts_panel.ts";
import { upgradesPanel, type UpgradesView } from "./upgrades_panel.ts";
import { imageName } from "./image_name.ts";
import { portChips, type PortView } from "./ports.ts";
import { type Html, html, page } from "./html.ts";
import { layout, type PageNav } from "./layout.ts";

/** What the overview shows: /api/status's data plus its problem summary (the dashboard passes both). */
export interface OverviewView {
  arr_mcp: { version: string; read_only: boolean; generated_at: string };
  runtime: {
    available: boolean;
    kind: string | null;
    version: string | null;
    api_version: string | null;
    rootless: boolean | null;
    error: string | null;
  };
  helper: {
    available: boolean;
    version: string | null;
    podman: string | null;
    podman_compose: string | null;
    quadlet: string | null;
    quadlet_off_reason: string | null;
    error: string | null;
  };
  disks: ReadonlyArray<{
    label: string;
    path: string;
    used_percent: number | null;
    available_bytes: number | null;
    total_bytes: number | null;
    error: string | null;
  }>;
  stacks: ReadonlyArray<
    { name: string; state: string; running: number; containers: readonly unknown[]; problem: string | null }
  >;
  stacks_error: string | null;
  /** ApiStatus.stats_sample (mcp/dashboard/status.ts); absent in older documents. */
  stats_sample?: { interval_s: number; sampled_at: string | null } | null;
  containers: ReadonlyArray<{
    id: string;
    name: string;
    image: string;
    state: string;
    compose_project: string | null;
    health: string | null;
    started_at: string | null;
    restart_count: number | null;
    cpu_percent: number | null;
    memory_bytes: number | null;
    problem: string | null;
    /** Last run, for stopped containers. */
    exit_code: number | null;
    finished_at: string | null;
    /** Published ports, linked where the viewer can reach them (mcp/dashboard/port_links.ts). */
    port_links: readonly PortView[];
  }>;
  /** One line per problem, most fundamental first. */
  problems: readonly string[];
  /** The alert watcher's open alerts (absent or empty: no panel). */
  alerts?: { open: readonly AlertLine[] };
  /** The last upgrade check's upgrades (absent: no panel, the upgrades family is off). */
  upgrades?: UpgradesView;
}

type Container = OverviewView["containers"][number];
type Stack = OverviewView["stacks"][number];
type Disk = OverviewView["disks"][number];

export function overviewPage(status: OverviewView, nav: PageNav = {}): string {
  const now = Date.parse(status.arr_mcp.generated_at);
  const body = html`<h1>Overview</h1>
<p class="meta">Generated ${timeEl(status.arr_mcp.generated_at, "generated_at")}
· arr-mcp ${status.arr_mcp.version}${status.arr_mcp.read_only ? " · read-only mode" : ""}</p>
${alertsPanel(status.alerts?.open ?? [])}
${problemList(status.problems)}
<div class="cards">
${runtimeCard(status.runtime)}
${helperCard(status.helper)}
${status.disks.map(diskCard)}
</div>
${status.upgrades === undefined ? "" : upgradesPanel(status.upgrades)}
${stacksSection(status.stacks, status.stacks_error)}
${containersSection(status.containers, now, status.stats_sample)}`;
  return page(layout({
    title: "Overview",
    current: "overview",
    body,
    live: true,
    scripts: ["table_tools.js"],
    services: nav.services ?? false }));
}

function runtimeCard(r: OverviewView["runtime"]): Html {
  if (!r.available) {
    return html`
      <section class="card card-bad">
        <h2>Runtime</h2>
        <p>${badge("unavailable", "bad")}</p>
        <p class="detail">${r.error ?? ""}</p>
      </section>
    `;
  }
  const name = r.kind === "docker" ? "Docker" : "Podman";
  return html`
    <section class="card">
      <h2>Runtime</h2>
      <dl>
    ${row("Engine", `${name} ${r.version ?? ""}`)}
    ${row("API", r.api_version ?? "–")}
    ${row("Mode", r.rootless === null ? "–" : r.rootless ? "rootless" : "rootful")}
      </dl>
    </section>
  `;
}

function helperCard(h: OverviewView["helper"]): Html {
  if (!h.available) {
    return html`
      <section class="card card-bad">
        <h2>arr-helper</h2>
        <p>${badge("unavailable", "bad")}</p>
        <p class="detail">${h.error ?? ""}</p>
      </section>
    `;
  }
  return html`
    <section class="card">
      <h2>arr-helper</h2>
      <dl>
    ${row("Version", h.version ?? "–")}
    ${row("Podman", h.podman ?? "–")}
    ${row("podman-compose", h.podman_compose ?? "not found")}
    ${row("quadlet", h.quadlet ?? "off")}
      </dl>
      ${h.quadlet_off_reason === null ? "" : html`<p class="detail">${h.quadlet_off_reason}</p>`}
    </section>
  `;
}

function diskCard(d: Disk): Html {
  if (d.error !== null || d.used_percent === null) {
    return html`
      <section class="card card-bad">
        <h2>Disk: ${d.label}</h2>
        <p class="path" title="${d.path}">${d.path}</p>
        <p class="detail">${d.error ?? "unknown"}</p>
      </section>
    `;
  }
  const full = d.used_percent >= 90;
  return html`
    <section class="card${full ? " card-bad" : ""}">
      <h2>Disk: ${d.label}</h2>
      <p class="path" title="${d.path}">${d.path}</p>
      <meter min="0" max="100" low="75" high="90" optimum="0" value="${d.used_percent}"
        aria-label="${d.label} disk used">${d.used_percent}%</meter>
      <p>${formatPercent(d.used_percent)} used · ${formatBytes(d.available_bytes)} free of ${formatBytes(
        d.total_bytes,
      )}</p>
    </section>
  `;
}

function stacksSection(stacks: readonly Stack[], error: string | null): Html {
  if (error === null && stacks.length === 0) {
    return html`
      <section>
        <h2>Stacks</h2>
        <p class="muted">No stacks found.</p>
      </section>
    `;
  }
  return html`<section><h2>Stacks</h2>
${error !== null ? html`<p class="detail bad">${error}</p>` : ""}
<div class="table-wrap"><table class="cards-on-phone compact-on-phone">
<thead><tr><th scope="col">Stack</th><th scope="col">State</th><th scope="col">Running</th><th scope="col">Note</th></tr></thead>
<tbody>${stacks.map(stackRow)}</tbody>
</table></div></section>`;
}

function stackRow(s: Stack): Html {
  // data-state / data-problem let the live-update script notice a change and reload.
  return html`<tr data-stack="${s.name}" data-state="${s.state}" data-problem="${s.problem ?? ""}"${s.problem !== null ? html` class="problem"` : ""}>
<th scope="row" data-label="Stack"><a href="${stackHref(s.name)}">${s.name}</a></th>
<td data-label="State">${badge(s.state, stateTone(s.state, s.problem), "state")}</td>
<td data-label="Running" data-field="running">${s.running} / ${s.containers.length}</td>
<td data-label="Note" data-field="problem"${s.problem === null ? html` data-empty` : ""}>${s.problem ?? ""}</td>
</tr>`;
}

/** CPU and memory are a shared sample, not read per page: say when it was taken and how often. */
function statsNote(sample: OverviewView["stats_sample"] | null): Html {
  if (sample === null || sample === undefined) return html``;
  return html`<p class="meta">CPU and memory sampled ${
    timeEl(sample.sampled_at, "stats_sampled_at")
  }, every ${sample.interval_s} s while a page shows them.</p>`;
}

function containersSection(
  containers: readonly Container[],
  now: number,
  sample: OverviewView["stats_sample"],
): Html {
  if (containers.length === 0) {
    return html`
      <section>
        <h2>Containers</h2>
        <p class="muted">No containers.</p>
      </section>
    `;
  }
  const sorted = [...containers].sort((a, b) =>
    Number(b.problem !== null) - Number(a.problem !== null) || a.name.localeCompare(b.name)
  );
  // data-sort-key / data-sort: what the page's script sorts by; the search box is shown by the script.
  return html`<section>
<h2 id="containers-title">Containers <span class="count">${containers.length}</span></h2>
${statsNote(sample)}
<div class="table-tools" hidden><input type="search" id="container-search" placeholder="Filter by name, image, stack, state or port"
 aria-label="Filter containers" autocomplete="off"><span class="muted" id="container-search-count" aria-live="polite"></span></div>
<div class="table-wrap"><table class="cards-on-phone compact-on-phone" id="containers" aria-labelledby="containers-title">
<thead><tr>
<th scope="col" data-sort-key="name">Name</th>
<th scope="col" data-sort-key="image">Image</th>
<th scope="col">Ports</th>
<th scope="col" data-sort-key="state">State</th>
<th scope="col" data-sort-key="health">Health</th>
<th scope="col" data-sort-key="uptime">Uptime</th>
<th scope="col" class="num" data-sort-key="restart_count">Restarts</th>
<th scope="col" class="num" data-sort-key="cpu">CPU</th>
<th scope="col" class="num" data-sort-key="memory">Memory</th>
</tr></thead>
<tbody>${sorted.map((c) => containerRow(c, now))}</tbody>
</table></div>
</section>`;
}

function lastRun(c: Container): Html {
  if (c.state === "running" || (c.exit_code === null && c.finished_at === null)) return html``;
  return html`<span class="last-run">${c.exit_code !== null ? html`exit ${c.exit_code}` : ""}${
    c.finished_at !== null ? html` · ${timeEl(c.finished_at)}` : ""
  }</span>`;
}

function containerRow(c: Container, now: number): Html {
  const tag = c.compose_project !== null ? html` <span class="tag">${c.compose_project}</span>` : "";
  const up = uptimeMs(c.state, c.started_at, now);
  const search = [c.name, c.image, c.compose_project ?? "", c.problem ?? c.state, ...c.port_links.map((p) => p.label)]
    .join(" ").toLowerCase();
  return html`<tr data-id="${c.id}" data-state="${c.state}" data-problem="${c.problem ?? ""}" data-search="${search}"${c.problem !== null ? html` class="problem"` : ""}>
<th scope="row" data-label="Name" data-sort="${c.name}"><a href="${containerHref(c.name)}">${c.name}</a>${tag}</th>
<td data-label="Image" class="image" data-sort="${c.image}">${imageName(c.image)}</td>
<td data-label="Ports" class="ports-cell"${c.port_links.length === 0 ? html` data-empty` : ""}>${portChips(c.port_links)}</td>
<td data-label="State" data-sort="${c.problem !== null ? "0" : "1"}${c.problem ?? c.state}">${badge(c.problem ?? c.state, stateTone(c.state, c.problem), "state")}${lastRun(c)}</td>
<td data-label="Health" data-field="health" data-sort="${c.health ?? ""}"${c.health === null ? html` data-empty` : ""}>${healthBadge(c.health)}</td>
<td data-label="Uptime" data-field="uptime" data-sort="${up ?? -1}"${up === null ? html` data-empty` : ""}>${formatDuration(up)}</td>
<td data-label="Restarts" class="num" data-field="restart_count" data-sort="${c.restart_count ?? -1}"${!c.restart_count ? html` data-empty` : ""}>${c.restart_count ?? "–"}</td>
<td data-label="CPU" class="num" data-field="cpu" data-sort="${c.cpu_percent ?? -1}"${c.cpu_percent === null ? html` data-empty` : ""}>${formatPercent(c.cpu_percent)}</td>
<td data-label="Memory" class="num" data-field="memory" data-sort="${c.memory_bytes ?? -1}"${c.memory_bytes === null ? html` data-empty` : ""}>${formatBytes(c.memory_bytes)}</td>
</tr>`;
}
