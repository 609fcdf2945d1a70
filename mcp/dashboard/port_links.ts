/**
 * Which published ports get a link to the service's web UI, and to which address. A port bound to all
 * interfaces is reached at the host the browser used for this page; one bound to a specific address at that
 * address; one bound to loopback only when the page itself was opened on loopback (a link to 127.0.0.1 from
 * another machine would open the viewer's own computer). Unpublished ports are left out; UDP gets no link.
 * Pure.
 */
import { hostPortText, parsePortBinding } from "../diagnostics/ports.ts";
import type { PortView } from "../../templates/ports.ts";

/** The hostname of a Host header (`nas.lan:8790` → `nas.lan`, `[::1]:8790` → `::1`); null when unusable. */
export function requestHostname(hostHeader: string | undefined): string | null {
  if (hostHeader === undefined || hostHeader === "") return null;
  try {
    const h = new URL(`http://${hostHeader}`).hostname;
    return h.startsWith("[") ? h.slice(1, -1) : h;
  } catch {
    return null;
  }
}

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

const WILDCARDS = new Set(["", "0.0.0.0", "::"]);

/** One entry per published host port and protocol (Podman lists IPv4 and IPv6 bindings of one port twice). */
export function portLinks(ports: readonly string[], hostHeader: string | undefined): PortView[] {
  const viewer = requestHostname(hostHeader);
  const seen = new Set<string>();
  const out: PortView[] = [];
  for (const text of ports) {
    const b = parsePortBinding(text);
    if (b === null || b.hostPort === 0) continue;
    const wildcard = WILDCARDS.has(b.hostIp);
    const key = `${wildcard ? "*" : b.hostIp}|${b.hostPort}|${b.protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const label = (wildcard ? String(b.hostPort) : hostPortText(b.hostIp, b.hostPort)) +
      (b.containerPort === b.hostPort ? "" : `→${b.containerPort}`) +
      (b.protocol === "tcp" ? "" : `/${b.protocol}`);
    const target = b.protocol !== "tcp"
      ? null
      : wildcard
      ? viewer
      : isLoopback(b.hostIp)
      ? (viewer !== null && isLoopback(viewer) ? b.hostIp : null)
      : b.hostIp;
    out.push({
      label,
      href: target === null ? null : `http://${hostPortText(target, b.hostPort)}/`,
      loopbackOnly: isLoopback(b.hostIp),
    });
  }
  return out;
}
