// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/**
 * Available image upgrades on the overview (and one line on a container's page): per container the move, its
 * kind and risk, worst risk first, from the last upgrade check. Read-only: it names the Claude tools that act.
 * Before the first check it says so, calmly. Pure: data in, HTML out.
 */
import { badge, containerHref, type Tone, timeEl } from "./components.ts";
import { type Html, html } from "./html.ts";

export interface UpgradeLine {
  container: string;
  image: string;
  current: { tag: string; digest: string | null; version?: string };
  candidate: { tag: string; digest: string | null; version?: string };
  kind: string;
  risk: string;
  notes: { source: string; url: string; summary: string };
  managed_by: string;
}

export interface UpgradesView {
  /** Null before the first check. */
  checked_at: string | null;
  upgrades: readonly UpgradeLine[];
  /** Containers the last check could not check. */
  not_checked: number;
}

const RISK_ORDER = ["high", "medium", "low"];
const KIND_ORDER = ["major", "minor", "patch", "build", "digest"];
const MAX_SUMMARY_LINES = 3;

const rank = (order: readonly string[], value: string) => {
  const i = order.indexOf(value);
  return i === -1 ? order.length : i;
};

function riskTone(risk: string): Tone {
  return risk === "high" ? "bad" : risk === "medium" ? "warn" : "ok";
}

/** Worst risk first, then the bigger move, then by name. */
export function sortUpgrades(upgrades: readonly UpgradeLine[]): UpgradeLine[] {
  return [...upgrades].sort((a, b) =>
    rank(RISK_ORDER, a.risk) - rank(RISK_ORDER, b.risk) || rank(KIND_ORDER, a.kind) - rank(KIND_ORDER, b.kind) ||
    a.container.localeCompare(b.container)
  );
}

const shortDigest = (digest: string | null) => (digest === null ? "?" : digest.replace(/^sha256:/, "").slice(0, 12));

/** `1.0.0 → 2.0.0`, or for a moved tag `latest: 0123456789ab → fedcba987654`. */
function move(u: UpgradeLine): Html {
  if (u.current.tag === u.candidate.tag) {
    return html`<code>${u.current.tag}</code>: <code>${shortDigest(u.current.digest)}</code> → <code>${shortDigest(u.candidate.digest)}</code>`;
  }
  return html`<code>${u.current.tag}</code> → <code>${u.candidate.tag}</code>`;
}

/** A link only to an https page (the release on GitHub); any other URL is left out. */
function notesCell(notes: UpgradeLine["notes"]): Html {
  const lines = notes.summary.split("\n").filter((l) => l.trim() !== "");
  const shown = lines.slice(0, MAX_SUMMARY_LINES);
  const more = lines.length - shown.length;
  const link = /^https:\/\//i.test(notes.url)
    ? html` <a href="${notes.url}" rel="noopener noreferrer">release notes</a>`
    : "";
  if (shown.length === 0) return html`<span class="muted">–</span>${link}`;
  return html`${shown.map((l, i) => html`${i > 0 ? html`<br>` : ""}${l}`)}${more > 0 ? html` <span class="muted">(+${more})</span>` : ""}${link}`;
}

function upgradeRow(u: UpgradeLine): Html {
  return html`<tr data-upgrade="${u.container}" data-risk="${u.risk}">
<th scope="row" data-label="Container"><a href="${containerHref(u.container)}">${u.container}</a></th>
<td data-label="Upgrade">${move(u)}</td>
<td data-label="Kind">${u.kind}</td>
<td data-label="Risk">${badge(u.risk, riskTone(u.risk), "risk")}</td>
<td data-label="Managed by">${u.managed_by}</td>
<td data-label="Notes" class="detail">${notesCell(u.notes)}</td>
</tr>`;
}

export function upgradesPanel(view: UpgradesView): Html {
  const actions = html`<p class="note">Read-only. Ask Claude: <code>upgrade_plan</code> for the steps,
<code>upgrade_apply</code> to apply one (it rolls back when the new image fails its health check).</p>`;
  // Without anything to list: one quiet line, not a section (the phone overview stays short).
  if (view.checked_at === null) {
    return html`<p class="note upgrades-quiet" data-field="upgrades"><strong>Upgrades:</strong> no check has run yet (it runs in the
background, or ask Claude: <code>upgrades_list</code>).</p>`;
  }
  const skipped = view.not_checked === 0
    ? ""
    : html` · ${view.not_checked === 1 ? "1 container" : `${view.not_checked} containers`} could not be checked (<code>upgrades_list</code> says why)`;
  const when = timeEl(view.checked_at, "upgrades_checked_at");
  if (view.upgrades.length === 0) {
    return html`<p class="note upgrades-quiet" data-field="upgrades"><strong>Upgrades:</strong> none; every checked image is the
newest of its tag family (checked ${when}${skipped}).</p>`;
  }
  const checked = html`<p class="meta">Last checked ${when}${skipped}</p>`;
  return html`<section data-field="upgrades">
<h2 id="upgrades-title">Upgrades <span class="count">${view.upgrades.length}</span></h2>
${checked}
<div class="table-wrap"><table class="cards-on-phone" aria-labelledby="upgrades-title">
<thead><tr><th scope="col">Container</th><th scope="col">Upgrade</th><th scope="col">Kind</th><th scope="col">Risk</th><th scope="col">Managed by</th><th scope="col">Notes</th></tr></thead>
<tbody>${sortUpgrades(view.upgrades).map(upgradeRow)}</tbody>
</table></div>
${actions}
</section>`;
}

/** The container page's line: the move, kind and risk, or that none is known. */
export function upgradeNote(u: UpgradeLine | null, checkedAt: string | null): Html {
  if (checkedAt === null) return html`<span class="muted">not checked yet</span>`;
  if (u === null) return html`<span class="muted">none found</span>`;
  return html`<span data-field="upgrade">${move(u)} · ${u.kind} · ${badge(`${u.risk} risk`, riskTone(u.risk))}
· ask Claude: <code>upgrade_plan</code>, <code>upgrade_apply</code></span>`;
}
