/**
 * Namespace modes (compose pid/ipc/uts/userns_mode/cgroup/network_mode, quadlet Network=/UserNS=, podman
 * --pid/--ipc/--uts/--userns/--cgroupns/--network): the host's namespace needs approval, except the network,
 * which is only named. Another service's process or IPC namespace is named, sharing its network (the
 * VPN-sidecar pattern) is not; an outside container's process or IPC namespace needs approval, its network
 * is named.
 */
import type { FlagSink } from "./flag_sink.ts";

export type Namespace = "pid" | "ipc" | "uts" | "userns" | "cgroupns" | "network";

const LABEL: Record<Namespace, string> = {
  pid: "process",
  ipc: "IPC (shared memory)",
  uts: "hostname",
  userns: "user",
  cgroupns: "cgroup",
  network: "network",
};

/** Whether a network mode is the host's network. */
export function isHostNetwork(mode: string): boolean {
  return mode.trim() === "host";
}

export function flagNamespace(sink: FlagSink, ns: Namespace, mode: string, detail: string): void {
  const value = mode.trim();
  const label = LABEL[ns];
  if (value === "host") {
    if (ns === "network") sink.add("host-network", "notice", "uses the host's network directly.", detail);
    else if (ns === "pid") {
      sink.add(
        "host-namespace",
        "confirm",
        "shares the host's process namespace, so it sees host processes and may read their environment.",
        detail,
      );
    } else if (ns === "userns") {
      sink.add("host-namespace", "confirm", "runs in the host's user namespace instead of its own.", detail);
    } else sink.add("host-namespace", "confirm", `shares the host's ${label} namespace.`, detail);
    return;
  }
  if (value.startsWith("ns:")) {
    sink.add("host-namespace", "confirm", `joins the ${label} namespace at ${value.slice(3)}.`, detail);
    return;
  }
  const container = /^container:(.+)$/.exec(value)?.[1];
  if (container !== undefined) {
    // Another container's processes (and through /proc their files) or shared memory are worth a question;
    // its network or hostname are only named.
    const reaches = ns === "pid" || ns === "ipc";
    sink.add(
      "shared-namespace",
      reaches ? "confirm" : "notice",
      `uses the ${label} namespace of container "${container}", outside this stack${
        ns === "pid" ? ", so it may see that container's processes and files" : ""
      }.`,
      detail,
    );
    return;
  }
  const service = /^service:(.+)$/.exec(value)?.[1];
  // Sharing a network with another service of the stack is the VPN-sidecar pattern: nothing to say.
  if (service !== undefined && ns !== "network") {
    sink.add("shared-namespace", "notice", `shares the ${label} namespace of service "${service}".`, detail);
    return;
  }
  if (ns === "network" && reachesHostLoopback(value)) {
    sink.add(
      "host-loopback",
      "notice",
      "can reach services that listen only on the host's loopback address.",
      detail,
    );
  }
}

/** slirp4netns:allow_host_loopback=true, pasta:--map-gw / --map-host-loopback. */
function reachesHostLoopback(mode: string): boolean {
  if (mode.startsWith("slirp4netns:")) return /(^|[:,])allow_host_loopback=true(,|$)/.test(mode);
  if (mode.startsWith("pasta:")) return /(^|[:,])(--map-gw|--map-host-loopback)(=|,|$)/.test(mode);
  return false;
}
