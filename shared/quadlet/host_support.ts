/**
 * Whether a host can run quadlets, from what arr-helper's `info` found: the generator (systemd runs it at
 * `daemon-reload`; without it a quadlet file does nothing) and Podman's version. Podman before 4.4 (Debian 12
 * ships 4.3.1) has no generator. Pure; the message says what to install.
 */
import { atLeast, parseVersion, UNIT_TYPE_SINCE } from "./versions.ts";

/** The first Podman release with quadlet. */
export const QUADLET_MIN_PODMAN = UNIT_TYPE_SINCE.container;

/** Null when quadlets work here; else why not and what to do. */
export function quadletUnsupported(host: { podman: string | null; quadlet: string | null }): string | null {
  if (host.quadlet !== null) return null;
  const podman = host.podman ?? "";
  if (parseVersion(podman) !== undefined && !atLeast(podman, QUADLET_MIN_PODMAN)) {
    return `Quadlets need Podman ${QUADLET_MIN_PODMAN} or later; this host has Podman ${podman}: install ` +
      `Podman ${QUADLET_MIN_PODMAN} or later (Debian 13 ships 5.4, Ubuntu 24.04 4.9), then restart arr-helper`;
  }
  const which = podman === "" ? "" : ` (Podman ${podman})`;
  return `Quadlets are off: arr-helper found no quadlet generator on this host${which}: set ` +
    `ARR_QUADLET_GENERATOR to its path (usually /usr/libexec/podman/quadlet) or install Podman ` +
    `${QUADLET_MIN_PODMAN} or later, then restart arr-helper`;
}
