// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/** One stack: its services and their containers, the compose file (redacted, highlighted) and quadlet units. */
import type { QuadletListEntry } from "../shared/helper_protocol.ts";
import { formatBytes, formatTime } from "./format.ts";
import { badge, containerHref, problemList, stateTone } from "./components.ts";
import { type Html, html, page, trusted } from "./html.ts";
import { layout, type PageNav } from "./layout.ts";
import { highlightYaml } from "./yaml_highlight.ts";

export interface StackView {
  name: string;
  state: string;
  problem: string | null;
  /** Service name → its containers; services from the compose file and from container labels. */
  services: Array<
    { name: string; containers: Array<{ name: string; state: string; problem: string | null }> }
  >;
  compose: { path: string; content: string | null; error: string | null };
  /** Null when arr-helper could not list them (`quadletsError` says why). */
  quadlets: QuadletListEntry[] | null;
  quadletsError: string | null;
}

export function stackPage(v: StackView, nav: PageNav = {}): string {
  const body = html`<p class="crumbs"><a href="/">Overview</a> › Stacks</p>
<h1>${v.name} ${badge(v.state, stateTone(v.state, v.problem))}</h1>
${problemList(v.problem !== null ? [`Stack ${v.name}: ${v.problem}`] : [])}
${servicesSection(v.services)}
${composeSection(v.compose)}
${quadletSection(v.quadlets, v.quadletsError)}`;
  return page(layout({ title: `Stack ${v.name}`, current: "stack", body, services: nav.services ?? false }));
}

function servicesSection(services: StackView["services"]): Html {
  if (services.length === 0) {
    return html`
      <section>
        <h2>Services</h2>
        <p class="muted">No services found.</p>
      </section>
    `;
  }
  return html`
    <section>
      <h2>Services</h2>
      <div class="table-wrap">
        <table class="cards-on-phone">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Containers</th>
            </tr>
          </thead>
          <tbody>${services.map((s) =>
            html`
              <tr${s.containers.some((c) => c.problem !== null) || s.containers.length === 0
                ? html`
                  class="problem"
                `
                : ""}>
                <th scope="row" data-label="Service">${s.name}</th>
                <td data-label="Containers">${s.containers.length === 0
                  ? badge("no container", "bad")
                  : s.containers.map((c) =>
                    html`
                      <span class="chip"><a href="${containerHref(c.name)}">${c.name}</a> ${badge(
                        c.problem ?? c.state,
                        stateTone(c.state, c.problem),
                      )}</span>
                    `
                  )}</td>
                </tr>
            `
          )}</tbody>
        </table>
      </div>
    </section>
  `;
}

function composeSection(c: StackView["compose"]): Html {
  const inner = c.error !== null
    ? html`<p class="detail bad">${c.error}</p>`
    : c.content === null
    ? html`<p class="muted">No compose file.</p>`
    : html`<pre class="code yaml"><code>${trusted(highlightYaml(c.content))}</code></pre>`;
  return html`<section><h2>Compose file</h2><p class="path">${c.path}</p>
<p class="note">Read-only view; values of secret-looking settings are replaced by [REDACTED].</p>${inner}</section>`;
}

function quadletSection(quadlets: QuadletListEntry[] | null, error: string | null): Html {
  if (quadlets === null) {
    return html`
      <section>
        <h2>Quadlet units</h2>
        <p class="detail">${error ?? "unknown"}</p>
      </section>
    `;
  }
  if (quadlets.length === 0) {
    return html`
      <section>
        <h2>Quadlet units</h2>
        <p class="muted">No quadlet units for this stack.</p>
      </section>
    `;
  }
  return html`
    <section>
      <h2>Quadlet units</h2>
      <div class="table-wrap">
        <table class="cards-on-phone">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Type</th>
              <th scope="col" class="num">Size</th>
              <th scope="col">Modified</th>
            </tr>
          </thead>
          <tbody>${quadlets.map((q) =>
            html`
              <tr>
                <th scope="row" data-label="File">${q.file}</th>
                <td data-label="Type">${q.type}</td>
                <td data-label="Size" class="num">${formatBytes(q.size)}</td>
                <td data-label="Modified">${formatTime(q.modified)}</td>
              </tr>
            `
          )}</tbody>
        </table>
      </div>
    </section>
  `;
}
