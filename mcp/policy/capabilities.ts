/**
 * Added Linux capabilities. Podman's default set needs nothing, nor does NET_ADMIN, which VPN containers
 * (gluetun, wireguard) need and which stays inside the container's own network namespace; NET_ADMIN on the
 * host's network does need approval.
 */
import { lookupTable } from "../../shared/quadlet/lookup_table.ts";
import type { FlagSink } from "./flag_sink.ts";

/** Podman's default capabilities (containers.conf `default_capabilities`) plus NET_ADMIN. */
export const ALLOWED_CAPABILITIES: ReadonlySet<string> = new Set([
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
  "NET_ADMIN",
]);

/** What a capability lets a container do, for the dialog (the common ones). */
const MEANING = lookupTable({
  SYS_ADMIN: "mount file systems and much more",
  SYS_MODULE: "load kernel modules",
  SYS_PTRACE: "trace and read other processes",
  SYS_RAWIO: "raw access to devices and memory",
  SYS_TIME: "set the clock",
  SYS_BOOT: "reboot the machine",
  DAC_READ_SEARCH: "read files regardless of their permissions",
  NET_RAW: "raw network packets",
  MKNOD: "create device files",
  BPF: "load BPF programs",
  PERFMON: "performance monitoring",
});

/** `cap_net_admin` → `NET_ADMIN`. */
export function capabilityName(raw: string): string {
  return raw.trim().toUpperCase().replace(/^CAP_/, "");
}

/**
 * @param caps as written; a comma-separated word is several (podman splits `--cap-add a,b`)
 * @param hostNetwork whether the container uses the host's network
 */
export function flagCapabilities(
  sink: FlagSink,
  caps: readonly string[],
  hostNetwork: boolean,
  detail: string,
): void {
  for (const cap of caps.flatMap((c) => c.split(",")).map(capabilityName).filter((c) => c !== "")) {
    if (cap === "ALL") sink.add("all-capabilities", "confirm", "adds every Linux capability.", detail);
    else if (cap === "NET_ADMIN" && hostNetwork) {
      sink.add(
        "host-network-admin",
        "confirm",
        "has NET_ADMIN on the host's network, so it can change the host's interfaces, routes and firewall.",
        detail,
      );
    } else if (!ALLOWED_CAPABILITIES.has(cap)) {
      const meaning = MEANING[cap];
      sink.add(
        "capability",
        "confirm",
        `adds the Linux capability ${cap}${meaning ? ` (${meaning})` : ""}.`,
        detail,
      );
    }
  }
}
