// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/**
 * What the next watched-cleanup preview would remove, per service (Sonarr, Radarr), from the last preview
 * arr-mcp ran (in the background or for Claude) and how old it is. Read-only: it names the tools that act.
 * Pure: data in, HTML out.
 */
import { badge, timeEl } from "./components.ts";
import { formatBytes, formatDuration } from "./format.ts";
import { type Html, html } from "./html.ts";

/** One service's last preview, reduced to what the panel shows. */
export interface CleanupSummary {
  service: "sonarr" | "radarr";
  /** When the preview ran (ISO). */
  computed_at: string;
  candidates: number;
  total_bytes: number;
  /** Protected for any reason, and of those, by a keep mark or the keep tag. */
  protected: number;
  keep_protected: number;
  /** The largest candidates. */
  top: readonly { what: string; size_bytes: number; watched_by: readonly string[] }[];
  /** What the preview could not read (then it offered nothing). */
  unreadable: readonly string[];
}

/** Nothing before any preview has run (the media services may not be set up). */
export function cleanupPanel(summaries: readonly CleanupSummary[], nowMs: number): Html {
  if (summaries.length === 0) return html``;
  return html`<section class="cleanup-panel" data-field="cleanup" aria-labelledby="cleanup-title">
<h2 id="cleanup-title">Watched cleanup</h2>
${summaries.map((s) => serviceBlock(s, nowMs))}
<p class="muted">Ask Claude: <code>watched_cleanup_preview</code> for the full list and reasons,
<code>watched_cleanup_delete</code> to remove files (asks first), <code>interest_set</code> to keep a show or movie.</p>
</section>`;
}

function serviceBlock(s: CleanupSummary, nowMs: number): Html {
  const age = formatDuration(Math.max(0, nowMs - Date.parse(s.computed_at)));
  const when = html`<span class="muted" data-field="cleanup-age">(preview ${age} ago, ${timeEl(s.computed_at)})</span>`;
  const name = s.service === "sonarr" ? "Sonarr" : "Radarr";
  if (s.unreadable.length > 0) {
    return html`<div data-service="${s.service}"><h3>${name} ${when}</h3>
<p>${badge("not read", "warn")} Nothing offered: could not read ${s.unreadable.join("; ")}.</p></div>`;
  }
  const kept = html`${s.protected} protected, ${s.keep_protected} of them by a keep mark or tag`;
  if (s.candidates === 0) {
    return html`<div data-service="${s.service}"><h3>${name} ${when}</h3>
<p>Nothing to remove. ${kept}.</p></div>`;
  }
  const files = s.candidates === 1 ? "1 file" : `${s.candidates} files`;
  return html`<div data-service="${s.service}"><h3>${name} ${when}</h3>
<p><strong data-field="cleanup-total">${files}, ${formatBytes(s.total_bytes)}</strong> would be removed. ${kept}.</p>
<ol class="cleanup-top">${s.top.map((t) => html`<li>${t.what} <span class="muted">${formatBytes(t.size_bytes)}, watched by ${t.watched_by.join(", ")}</span></li>`)}</ol></div>`;
}
