// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/** Published ports as small chips, linked to the web UI where the dashboard found a reachable address. Pure. */
import { type Html, html } from "./html.ts";

export interface PortView {
  /** `8989`, `8080→80`, `127.0.0.1:9091`, `1900/udp`. */
  label: string;
  /** Null when no address the viewer can reach is known (loopback-only from afar, UDP). */
  href: string | null;
  loopbackOnly: boolean;
}

export function portChips(ports: readonly PortView[]): Html {
  if (ports.length === 0) return html`<span class="muted">–</span>`;
  return html`<span class="ports">${ports.map((p) =>
    p.href !== null
      ? html`<a class="port" href="${p.href}" target="_blank" rel="noopener noreferrer" title="Open ${p.href}">${p.label}</a>`
      : html`<span class="port port-nolink"${p.loopbackOnly ? html` title="Bound to loopback: reachable only on the server itself"` : ""}>${p.label}</span>`
  )}</span>`;
}
