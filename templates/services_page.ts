// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/**
 * Health and version of every media service the registry knows (the dashboard passes service_status's data).
 * Credentials are never part of the data; URLs come redacted from the registry.
 */
import { badge, problemList, type Tone } from "./components.ts";
import { type Html, html, page } from "./html.ts";
import { layout } from "./layout.ts";

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
}

const HEALTH_TONE: Record<ServiceView["health"], Tone> = { ok: "ok", warning: "warn", error: "bad", unknown: "muted" };

/** A configured service that is not healthy is a problem; an unconfigured one is just not set up. */
export function serviceProblem(s: ServiceView): string | null {
  if (!s.configured) return null;
  if (s.error !== null) return s.error.message;
  if (s.health === "error" || s.health === "warning") return s.issues[0] ?? s.health;
  return null;
}

export function servicesPage(services: readonly ServiceView[]): string {
  const problems = services.flatMap((s) => {
    const p = serviceProblem(s);
    return p === null ? [] : [`${s.service}: ${p}`];
  });
  const body = html`<h1>Services</h1>
<p class="meta">Media services arr-mcp knows about. Configure one with its <code>*_URL</code> variable (or let arr-mcp
discover it) and a credential (<code>credential_set</code> tool or environment).</p>
${problemList(problems)}
<div class="table-wrap"><table class="cards-on-phone">
<thead><tr><th scope="col">Service</th><th scope="col">Health</th><th scope="col">Version</th><th scope="col">URL</th><th scope="col">Notes</th></tr></thead>
<tbody>${services.map(serviceRow)}</tbody>
</table></div>`;
  return page(layout({ title: "Services", current: "services", body, services: true }));
}

function serviceRow(s: ServiceView): Html {
  const problem = serviceProblem(s);
  const health = s.configured ? badge(s.health, HEALTH_TONE[s.health]) : badge("not configured", "muted");
  const notes = s.issues.length === 0 ? "" : html`<ul class="issues">${s.issues.map((i) => html`<li>${i}</li>`)}</ul>`;
  return html`<tr data-service="${s.service}"${problem !== null ? html` class="problem"` : ""}>
<th scope="row" data-label="Service">${s.service}</th>
<td data-label="Health">${health}</td>
<td data-label="Version">${s.version ?? "–"}</td>
<td data-label="URL" class="path">${s.url ?? "–"}${s.url_source === "discovered" ? html` <span class="tag">discovered</span>` : ""}</td>
<td data-label="Notes">${notes}</td>
</tr>`;
}
