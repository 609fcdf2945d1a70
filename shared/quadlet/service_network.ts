/** networks, network_mode (host, none, service:NAME — the VPN-sidecar pattern), dns*, extra_hosts. */
import { containerName, networkRef, unitBase } from "./context.ts";
import { InvalidValue } from "./failure.ts";
import type { Handler, ServiceScope } from "./service_scope.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { addField } from "./unit_file.ts";
import { isMapping, list, mapping, scalar, stringList } from "./values.ts";
import { atLeast, QUADLET_VALUE_SINCE } from "./versions.ts";

const NETWORK_SUBKEYS = new Set(["aliases", "ipv4_address", "ipv6_address"]);

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
  const aliases = new Set<string>();
  for (const [name, opts] of entries) {
    s.w.put("Network", escapeSystemd(networkRef(s.ctx, name, key)));
    if (!isMapping(opts)) continue;
    for (const [sub, v] of Object.entries(opts)) {
      const subKey = `${key}.${name}.${sub}`;
      if (!NETWORK_SUBKEYS.has(sub)) {
        s.unsupported(subKey, `per-network option "${sub}" has no quadlet equivalent`);
      } else if (sub === "aliases") {
        for (const a of stringList(v, subKey)) aliases.add(a);
      } else {
        s.w.put(sub === "ipv4_address" ? "IP" : "IP6", escapeSystemd(scalar(v, subKey)));
      }
    }
  }
  addServiceAlias(s, aliases);
  for (const a of aliases) s.w.put("NetworkAlias", escapeSystemd(a));
};

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
  if (!Object.hasOwn(s.ctx.services, service)) {
    throw new InvalidValue(key, `Cannot use network_mode "${mode}": there is no service "${service}"`);
  }
  if (atLeast(s.ctx.podmanVersion, QUADLET_VALUE_SINCE.networkContainerUnit.since)) {
    // Quadlet resolves the unit to its container name and adds Requires=/After= itself.
    s.w.put("Network", escapeSystemd(`${unitBase(s.ctx, service)}.container`));
    return;
  }
  s.w.put("Network", escapeSystemd(`container:${containerName(s.ctx, service)}`));
  addField(s.draft, "Unit", "Requires", `${unitBase(s.ctx, service)}.service`);
  addField(s.draft, "Unit", "After", `${unitBase(s.ctx, service)}.service`);
};

export const dns: Handler = (value, s, key) => {
  for (const v of stringList(value, key)) s.w.put("DNS", escapeSystemd(v));
};
export const dnsSearch: Handler = (value, s, key) => {
  for (const v of stringList(value, key)) s.w.put("DNSSearch", escapeSystemd(v));
};
export const dnsOpt: Handler = (value, s, key) => {
  for (const v of stringList(value, key)) s.w.put("DNSOption", escapeSystemd(v));
};

/** `host:ip`, `host=ip` (list) or `host: ip` (mapping) → AddHost=host:ip; IPv6 brackets are dropped. */
export const extraHosts: Handler = (value, s, key) => {
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
    s.w.put("AddHost", escapeSystemd(`${host}:${bare}`));
  }
};
