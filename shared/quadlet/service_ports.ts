/** ports (short and long syntax, ranges, protocols, host IPs) and expose. */
import { InvalidValue } from "./failure.ts";
import type { Handler } from "./service_scope.ts";
import { isMapping, list, scalar } from "./values.ts";

export interface PortSpec {
  hostIp?: string;
  published?: string;
  target: string;
  protocol: string;
}

const PORT_OR_RANGE = /^\d{1,5}(-\d{1,5})?$/;

/** Parses `[[ip:][host]:]container[/proto]`; IPv6 host addresses go in brackets. */
export function parseShortPort(text: string, key: string): PortSpec {
  let rest = text.trim();
  let protocol = "tcp";
  const slash = rest.lastIndexOf("/");
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]:");
    if (close < 0) {
      throw new InvalidValue(key, `Cannot parse port "${text}": unclosed "[" around the host IP`);
    }
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(":");
  let published: string | undefined;
  let target: string;
  if (parts.length === 1) target = parts[0] as string;
  else if (parts.length === 2) [published, target] = parts as [string, string];
  else if (parts.length === 3 && hostIp === undefined) {
    [hostIp, published, target] = parts as [string, string, string];
  } else throw new InvalidValue(key, `Cannot parse port "${text}": too many ":" separators`);
  const spec: PortSpec = { target, protocol };
  if (hostIp !== undefined && hostIp !== "") spec.hostIp = hostIp;
  if (published !== undefined && published !== "") spec.published = published;
  return checkPort(spec, text, key);
}

function checkPort(spec: PortSpec, text: string, key: string): PortSpec {
  if (!PORT_OR_RANGE.test(spec.target)) {
    throw new InvalidValue(
      key,
      `Cannot parse port "${text}": container port "${spec.target}" is not a port or range`,
    );
  }
  if (spec.published !== undefined && !PORT_OR_RANGE.test(spec.published)) {
    throw new InvalidValue(
      key,
      `Cannot parse port "${text}": host port "${spec.published}" is not a port or range`,
    );
  }
  for (const n of `${spec.target}-${spec.published ?? "1"}`.split("-")) {
    if (Number(n) > 65535) throw new InvalidValue(key, `Cannot parse port "${text}": ${n} is above 65535`);
  }
  if (!["tcp", "udp", "sctp"].includes(spec.protocol)) {
    throw new InvalidValue(
      key,
      `Cannot parse port "${text}": protocol "${spec.protocol}" is not tcp, udp or sctp`,
    );
  }
  if (spec.hostIp !== undefined && !/^[0-9A-Fa-f.:]+$/.test(spec.hostIp)) {
    throw new InvalidValue(key, `Cannot parse port "${text}": host IP "${spec.hostIp}" is not an IP address`);
  }
  return spec;
}

/** The PublishPort= value (same syntax as `podman run -p`). */
export function formatPort(spec: PortSpec): string {
  const ip = spec.hostIp === undefined ? "" : spec.hostIp.includes(":") ? `[${spec.hostIp}]` : spec.hostIp;
  const proto = spec.protocol === "tcp" ? "" : `/${spec.protocol}`;
  if (ip !== "") return `${ip}:${spec.published ?? ""}:${spec.target}${proto}`;
  if (spec.published !== undefined) return `${spec.published}:${spec.target}${proto}`;
  return `${spec.target}${proto}`;
}

export const ports: Handler = (value, s, key) => {
  const mode = s.svc["network_mode"];
  if (
    typeof mode === "string" && (mode === "host" || mode === "none" || /^(service|container):/.test(mode))
  ) {
    s.unsupported(
      key,
      `ports cannot be published with network_mode "${mode}"; publish them on that network's owner`,
    );
    return;
  }
  list(value, key).forEach((item, i) => {
    const itemKey = `${key}[${i}]`;
    const spec = isMapping(item) ? longPort(item, itemKey) : parseShortPort(scalar(item, itemKey), itemKey);
    s.w.put("PublishPort", formatPort(spec));
  });
};

function longPort(item: Record<string, unknown>, key: string): PortSpec {
  if (item["target"] === undefined) {
    throw new InvalidValue(key, "Cannot parse port: long syntax needs `target`");
  }
  const spec: PortSpec = {
    target: scalar(item["target"], `${key}.target`),
    protocol: item["protocol"] === undefined
      ? "tcp"
      : scalar(item["protocol"], `${key}.protocol`).toLowerCase(),
  };
  if (item["published"] !== undefined && item["published"] !== "") {
    spec.published = scalar(item["published"], `${key}.published`);
  }
  if (item["host_ip"] !== undefined) {
    spec.hostIp = scalar(item["host_ip"], `${key}.host_ip`).replace(/^\[|\]$/g, "");
  }
  return checkPort(spec, JSON.stringify(item), key);
}

export const expose: Handler = (value, s, key) => {
  list(value, key).forEach((item, i) => {
    const text = scalar(item, `${key}[${i}]`);
    if (!/^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/.test(text)) {
      throw new InvalidValue(
        `${key}[${i}]`,
        `Cannot parse exposed port "${text}": expected PORT[-PORT][/PROTOCOL]`,
      );
    }
    s.w.put("ExposeHostPort", text);
  });
};
