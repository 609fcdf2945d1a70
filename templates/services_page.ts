// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/**
 * Health and version of every media service the registry knows (the dashboard passes service_status's data).
 * Credentials are never part of the data; URLs come redacted from the registry.
 */
import { badge, problemList, type Tone } from "./components.ts";
import { type Html, html, page } from "./html.ts";
import { layout } from "./layout.ts";
import { cleanupPanel, type CleanupSummary } from "./cleanup_panel.ts";

/** What the page shows of one media service. */
export interface ServiceView {
  service: string;
  configured: boolean;
  /** Secrets already redacted. */
  url: string | null;
  url_source: "env" | "discovered" | "none";
  version: string | null;
  health: "ok" | "warning" | "error" | "unknown";
  issues: readonly string[];
  error: { message: string } | null;
  /** How to configure it: its URL variable and the variables of its credential (mcp/clients/media). */
  url_env: string;
  credential_env: readonly string[];
  credential_source: "env" | "store" | "none";
}

const HEALTH_TONE: Record<ServiceView["health"], Tone> = { ok: "ok", warning: "warn", error: "bad", unknown: "muted" };

/** A configured service that is not healthy is a problem; an unconfigured one is just not set up. */
export function serviceProblem(s: ServiceView): string | null {
  if (!s.configured) return null;
  if (s.error !== null) return s.error.message;
  if (s.health === "error" || s.health === "warning") return s.issues[0] ?? s.health;
  return null;
}

/**
 * The page's summary: problems of configured services first; with none configured it says so and how to
 * start, never "all good".
 */
function summary(services: readonly ServiceView[], problems: readonly string[]): Html {
  const configured = services.filter((s) => s.configured).length;
  if (problems.length > 0 || configured === services.length) return problemList(problems);
  if (configured === 0) {
    return html`<section class="summary summary-warn" data-field="problems" aria-live="polite">
<h2>No media service is configured yet</h2>
<p>Set a service's URL and credential in arr-mcp's environment (for Sonarr: <code>SONARR_URL</code> and
<code>SONARR_API_KEY</code>), or ask Claude to store the credential with the <code>credential_set</code> tool
(a running container's URL is discovered). Each row below names its variables.</p>
</section>`;
  }
  return html`<section class="summary summary-ok" data-field="problems" aria-live="polite"><p>${configured} of
${services.length} services configured, no problems found. The others are not set up (see their notes).</p></section>`;
}

export function servicesPage(
  services: readonly ServiceView[],
  cleanup: { summaries: readonly CleanupSummary[]; now: number } = { summaries: [], now: 0 },
): string {
  const problems = services.flatMap((s) => {
    const p = serviceProblem(s);
    return p === null ? [] : [`${s.service}: ${p}`];
  });
  const body = html`<h1>Services</h1>
<p class="meta">Media services arr-mcp knows about. Configure one with its <code>*_URL</code> variable (or let arr-mcp
discover it) and a credential (<code>credential_set</code> tool or environment).</p>
${summary(services, problems)}
<div class="table-wrap"><table class="cards-on-phone">
<thead><tr><th scope="col">Service</th><th scope="col">Health</th><th scope="col">Version</th><th scope="col">URL</th><th scope="col">Notes</th></tr></thead>
<tbody>${services.map(serviceRow)}</tbody>
</table></div>
${cleanupPanel(cleanup.summaries, cleanup.now)}`;
  return page(layout({ title: "Services", current: "services", body, services: true }));
}

function serviceRow(s: ServiceView): Html {
  const problem = serviceProblem(s);
  const health = s.configured ? badge(s.health, HEALTH_TONE[s.health]) : badge("not configured", "muted");
  // An unconfigured service's "No URL: set X_URL …" issue is said again, with the credential, by howToConfigure.
  const shown = s.configured ? s.issues : s.issues.filter((i) => !i.includes(s.url_env));
  const issues = shown.length === 0 ? "" : html`<ul class="issues">${shown.map((i) => html`<li>${i}</li>`)}</ul>`;
  const notes = s.configured ? issues : html`${issues}${howToConfigure(s)}`;
  return html`<tr data-service="${s.service}"${problem !== null ? html` class="problem"` : ""}>
<th scope="row" data-label="Service">${s.service}</th>
<td data-label="Health">${health}</td>
<td data-label="Version">${s.version ?? "–"}</td>
<td data-label="URL" class="path">${urlCell(s)}${s.url_source === "discovered" ? html` <span class="tag">discovered</span>` : ""}</td>
<td data-label="Notes">${notes}</td>
</tr>`;
}

function urlCell(s: ServiceView): Html | string {
  if (s.url === null) return "–";
  if (!s.configured || !/^https?:\/\//i.test(s.url)) return s.url;
  return html`<a href="${s.url}" target="_blank" rel="noopener noreferrer" title="Open ${s.service}'s web UI">${s.url}</a>`;
}

/** What to set: the URL variable unless a URL is known, the credential unless one is stored. */
function howToConfigure(s: ServiceView): Html {
  const url = s.url === null
    ? html`<code>${s.url_env}</code> (or run its container so arr-mcp discovers it)`
    : "";
  const creds = s.credential_source === "none"
    ? html`${s.credential_env.map((v, i) => html`${i > 0 ? (i === s.credential_env.length - 1 ? " or " : ", ") : ""}<code>${v}</code>`)} (or the <code>credential_set</code> tool)`
    : "";
  const both = url !== "" && creds !== "" ? " and " : "";
  return html`<p class="setup">Not configured: set ${url}${both}${creds}.</p>`;
}
