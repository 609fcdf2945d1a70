/**
 * Which services of a compose file run on the host's network: `network_mode: host`, a network whose name is
 * `host` (podman-compose passes it as --network=host), or `network_mode: service:x` where x does.
 */
import type { ComposeSource } from "./compose_source.ts";
import { text } from "./compose_reader.ts";
import { isHostNetwork } from "./namespaces.ts";
import { isMapping, type Mapping } from "../../shared/quadlet/values.ts";

export function hostNetworkServices(services: Mapping, source: ComposeSource): Set<string> {
  const own = (name: string): string | undefined => {
    const svc = services[name];
    if (!isMapping(svc)) return undefined;
    const r = source.resolve(svc["network_mode"]);
    return r.ok ? text(r.value)?.trim() : undefined;
  };
  const host = new Set<string>();
  for (const name of Object.keys(services)) {
    const seen = new Set<string>();
    let current: string | undefined = name;
    while (current !== undefined && !seen.has(current)) {
      seen.add(current);
      const svc = services[current];
      const mode = own(current);
      if ((mode !== undefined && isHostNetwork(mode)) || (isMapping(svc) && joinsHostNetwork(svc, source))) {
        host.add(name);
        break;
      }
      current = mode === undefined ? undefined : /^service:(.+)$/.exec(mode)?.[1];
    }
  }
  return host;
}

/** Whether one of the service's `networks` is named `host`. */
export function joinsHostNetwork(svc: Mapping, source: ComposeSource): boolean {
  const nets = svc["networks"];
  const names = Array.isArray(nets)
    ? nets.map((n) => {
      const r = source.resolve(n);
      return r.ok ? text(r.value) : undefined;
    })
    : isMapping(nets)
    ? Object.keys(nets)
    : [];
  const defs = source.doc["networks"];
  return names.some((key) => {
    if (key === undefined) return false;
    const def = isMapping(defs) ? defs[key] : undefined;
    if (!isMapping(def)) return false;
    const named = source.resolve(def["name"]);
    const name = named.ok ? text(named.value) : undefined;
    return (name ?? (def["external"] === true ? key : undefined)) === "host";
  });
}
