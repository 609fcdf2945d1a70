// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/** Small pieces shared by the pages: state badges, links, definition rows. Pure. */
import { formatTime } from "./format.ts";
import { type Html, html } from "./html.ts";

export type Tone = "ok" | "warn" | "bad" | "muted";

/** How a container or stack state looks: running is ok, transitional states warn, stopped ones are bad. */
export function stateTone(state: string, problem: string | null): Tone {
  const s = state.toLowerCase();
  if (problem !== null) return s === "paused" || s === "created" || s === "configured" ? "warn" : "bad";
  if (s === "running") return "ok";
  if (s === "unknown" || s === "") return "muted";
  return "warn";
}

export function badge(text: string, tone: Tone, field?: string): Html {
  const attr = field === undefined ? "" : html` data-field="${field}"`;
  return html`<span class="badge badge-${tone}"${attr}>${text}</span>`;
}

export function healthBadge(health: string | null): Html {
  if (health === null || health === "") return html`<span class="muted">–</span>`;
  const tone: Tone = health === "healthy" ? "ok" : health === "unhealthy" ? "bad" : "warn";
  return badge(health, tone);
}

export function containerHref(name: string): string {
  return `/containers/${encodeURIComponent(name)}`;
}

export function stackHref(name: string): string {
  return `/stacks/${encodeURIComponent(name)}`;
}

/** A `<dt>/<dd>` pair. */
export function row(label: string, value: Html | string): Html {
  return html`
    <dt>${label}</dt>
    <dd>${value}</dd>
  `;
}

export function problemList(problems: readonly string[]): Html {
  if (problems.length === 0) {
    return html`<section class="summary summary-ok" data-field="problems" aria-live="polite"><p>All good: no problems found.</p></section>`;
  }
  const title = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return html`<section class="summary summary-bad" data-field="problems" aria-live="polite">
<h2>${title}</h2>
<ul>${problems.map((p) => html`<li>${p}</li>`)}</ul>
</section>`;
}

/**
 * A time in UTC (`2026-11-22 03:56:27 UTC`) that the page's script shows in the viewer's local time; the
 * title keeps UTC. `–` when unknown.
 */
export function timeEl(iso: string | null, field?: string): Html {
  const text = formatTime(iso);
  if (iso === null || text === "–") return html`<span class="muted">–</span>`;
  const attr = field === undefined ? "" : html` data-field="${field}"`;
  return html`<time datetime="${iso}" title="${text}" data-local${attr}>${text}</time>`;
}
