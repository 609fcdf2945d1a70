/** networks, network_mode (host, none, service:NAME — the VPN-sidecar pattern), dns*, extra_hosts. */
import { containerName, networkRef, requireService, unitBase } from "./context.ts";
import { InvalidValue } from "./failure.ts";
import type { Handler, ServiceScope } from "./service_scope.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { addField } from "./unit_file.ts";
import { isMapping, list, mapping, scalar, stringList } from "./values.ts";
import { atLeast, QUADLET_VALUE_SINCE } from "./versions.ts";
import { lookupTable } from "./lookup_table.ts";

/** Per-network compose options → Podman's `--network NAME:OPTION=…` options (verified on Podman 4.3.1). */
const NETWORK_OPTIONS: Readonly<Record<string, string>> = lookupTable({
  aliases: "alias",
  interface_name: "interface_name",
  ipv4_address: "ip",
  ipv6_address: "ip6",
  mac_address: "mac",
});

/** Options with an exact single-network key (anything else needs the per-network form). */
const PLAIN_KEYS = new Set(["alias", "ip", "ip6", "mac"]);

/**
 * On one network, per-network options use the plain keys (`IP=`, `IP6=`, `NetworkAlias=`, `--mac-address`); with
 * two or more they go on each network's own line (`Network=x.network:ip=…,alias=…`), since Podman refuses
 * `--ip` when a container joins more than one network.
 */
export const networks: Handler = (value, s, key) => {
  if (s.svc["network_mode"] !== undefined) {
    throw new InvalidValue(key, "Cannot use both `networks` and `network_mode`");
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? list(value, key).map((n, i) => [scalar(n, `${key}[${i}]`), null])
    : isMapping(value)
    ? Object.entries(value)
    : (() => {
      throw new InvalidValue(key, "Cannot read value: expected a list or a mapping of networks");
    })();
  const serviceAlias = new Set<string>();
  addServiceAlias(s, serviceAlias);
  const parsed = entries.map(([name, opts]): [string, [string, string][]] => [
    name,
    networkOptions(s, `${key}.${name}`, opts),
  ]);
  const [only] = parsed;
  if (parsed.length === 1 && only && only[1].every(([o]) => PLAIN_KEYS.has(o))) {
    const [name, options] = only;
    s.w.put("Network", escapeSystemd(networkRef(s.ctx, name, key)));
    const aliases = new Set<string>();
    for (const [option, v] of options) {
      if (option === "alias") aliases.add(v);
      else if (option === "ip") s.w.put("IP", escapeSystemd(v));
      else if (option === "ip6") s.w.put("IP6", escapeSystemd(v));
      else s.w.args("--mac-address", escapeSystemd(v));
    }
    for (const a of serviceAlias) aliases.add(a);
    for (const a of aliases) s.w.put("NetworkAlias", escapeSystemd(a));
    return;
  }
  for (const [name, options] of parsed) {
    for (const a of serviceAlias) {
      if (!options.some(([o, v]) => o === "alias" && v === a)) options.push(["alias", a]);
    }
    const suffix = options.length ? `:${options.map(([o, v]) => `${o}=${v}`).join(",")}` : "";
    s.w.put("Network", escapeSystemd(`${networkRef(s.ctx, name, key)}${suffix}`));
  }
};

/** A network entry's options as `[podman option, value]` pairs; options without a Podman form are reported. */
function networkOptions(s: ServiceScope, key: string, opts: unknown): [string, string][] {
  if (opts === null || opts === undefined) return [];
  const out: [string, string][] = [];
  for (const [sub, v] of Object.entries(mapping(opts, key))) {
    const subKey = `${key}.${sub}`;
    const option = NETWORK_OPTIONS[sub];
    if (option === undefined) {
      s.unsupported(subKey, `per-network option "${sub}" has no Podman equivalent`);
      continue;
    }
    for (const text of sub === "aliases" ? stringList(v, subKey) : [scalar(v, subKey)]) {
      if (/[,\s]/.test(text) || text === "") {
        throw new InvalidValue(
          subKey,
          `Cannot use ${sub} ${JSON.stringify(text)}: it is empty or holds "," or a space`,
        );
      }
      out.push([option, text]);
    }
  }
  return out;
}

/** Compose lets services reach each other by service name; add it as an alias when the container is named otherwise. */
export function addServiceAlias(s: ServiceScope, aliases: Set<string>): void {
  if (containerName(s.ctx, s.name) !== s.name) aliases.add(s.name);
}

export const networkMode: Handler = (value, s, key) => {
  const mode = scalar(value, key);
  const service = /^service:(.+)$/.exec(mode)?.[1];
  if (service === undefined) {
    s.w.put("Network", escapeSystemd(mode));
    return;
  }
  requireService(s.ctx, service, key, `Cannot use network_mode "${mode}"`);
  if (atLeast(s.ctx.podmanVersion, QUADLET_VALUE_SINCE.networkContainerUnit.since)) {
    // Quadlet resolves the unit to its container name and adds Requires=/After= itself.
    s.w.put("Network", escapeSystemd(`${unitBase(s.ctx, service)}.container`));
    return;
  }
  s.w.put("Network", escapeSystemd(`container:${containerName(s.ctx, service)}`));
  addField(s.draft, "Unit", "Requires", `${unitBase(s.ctx, service)}.service`);
  addField(s.draft, "Unit", "After", `${unitBase(s.ctx, service)}.service`);
};

/**
 * A container in another container's network namespace (`network_mode: service:x` or `container:x`) takes its
 * DNS, hosts file and MAC address from that container: Podman and Docker refuse these options there.
 */
function sharesNetwork(s: ServiceScope, key: string): boolean {
  const mode = s.svc["network_mode"];
  if (typeof mode !== "string" || !/^(service|container):/.test(mode)) return false;
  s.unsupported(
    key,
    `Podman refuses ${key} for a container in another container's network (network_mode "${mode}"); ` +
      "set it on that container",
  );
  return true;
}

export const dns: Handler = (value, s, key) => {
  if (sharesNetwork(s, key)) return;
  for (const v of stringList(value, key)) s.w.put("DNS", escapeSystemd(v));
};
export const dnsSearch: Handler = (value, s, key) => {
  if (sharesNetwork(s, key)) return;
  for (const v of stringList(value, key)) s.w.put("DNSSearch", escapeSystemd(v));
};
export const dnsOpt: Handler = (value, s, key) => {
  if (sharesNetwork(s, key)) return;
  for (const v of stringList(value, key)) s.w.put("DNSOption", escapeSystemd(v));
};

export const macAddress: Handler = (value, s, key) => {
  if (sharesNetwork(s, key)) return;
  s.w.args("--mac-address", escapeSystemd(scalar(value, key)));
};

/** `host:ip`, `host=ip` (list) or `host: ip` (mapping) → AddHost=host:ip; IPv6 brackets are dropped. */
export const extraHosts: Handler = (value, s, key) => {
  if (sharesNetwork(s, key)) return;
  const pairs: [string, string][] = [];
  if (Array.isArray(value)) {
    list(value, key).forEach((item, i) => {
      const text = scalar(item, `${key}[${i}]`);
      const eq = text.indexOf("=");
      const at = eq >= 0 ? eq : text.indexOf(":");
      if (at <= 0) {
        throw new InvalidValue(`${key}[${i}]`, `Cannot parse extra host "${text}": expected HOST:IP`);
      }
      pairs.push([text.slice(0, at), text.slice(at + 1)]);
    });
  } else {
    for (const [host, ip] of Object.entries(mapping(value, key))) {
      for (const one of ip === null ? [""] : stringList(ip, `${key}.${host}`)) pairs.push([host, one]);
    }
  }
  for (const [host, ip] of pairs) {
    const bare = ip.replace(/^\[(.*)\]$/, "$1");
    if (bare === "") throw new InvalidValue(key, `Cannot parse extra host "${host}": no IP address`);
    if (bare === "host-gateway" && !atLeast(s.ctx.podmanVersion, QUADLET_VALUE_SINCE.hostGateway.since)) {
      s.unsupported(
        key,
        `"${host}:host-gateway" needs Podman ${QUADLET_VALUE_SINCE.hostGateway.since} (target ` +
          `${s.ctx.podmanVersion}); Podman itself adds host.containers.internal, pointing at the host`,
      );
      continue;
    }
    s.w.put("AddHost", escapeSystemd(`${host}:${bare}`));
  }
};
