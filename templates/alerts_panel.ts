// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/** Open alerts, first on the overview: what the alert watcher found, worst first. Pure: data in, HTML out. */
import { badge, type Tone, timeEl } from "./components.ts";
import { type Html, html } from "./html.ts";

export interface AlertLine {
  rule: string;
  severity: string;
  /** Written for a person: what, where, since when, the likely cause. */
  message: string;
  first_seen: string;
}

const SEVERITY_ORDER = ["critical", "warning", "info"];

function severityTone(severity: string): Tone {
  return severity === "critical" ? "bad" : severity === "warning" ? "warn" : "muted";
}

/** Nothing when no alert is open (the problem summary then speaks for the page). */
export function alertsPanel(open: readonly AlertLine[]): Html {
  if (open.length === 0) return html``;
  const rank = (s: string) => {
    const i = SEVERITY_ORDER.indexOf(s);
    return i === -1 ? SEVERITY_ORDER.length : i;
  };
  const sorted = [...open].sort((a, b) => rank(a.severity) - rank(b.severity));
  const title = open.length === 1 ? "1 open alert" : `${open.length} open alerts`;
  return html`<section class="summary summary-bad" data-field="alerts" aria-live="polite">
<h2>${title}</h2>
<ul>${sorted.map((a) => html`<li>${badge(a.severity, severityTone(a.severity))} ${a.message}
<span class="muted">(${a.rule}, since ${timeEl(a.first_seen)})</span></li>`)}</ul>
<p class="muted">Ask Claude: <code>alerts_recent</code> for details, <code>alert_rule_set</code> to tune a rule.</p>
</section>`;
}
