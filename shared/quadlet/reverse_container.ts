/** One `.container` unit → one compose service (for the keys that map both ways). */
import { SERVICE_KEYS } from "./key_table.ts";
import { flagPairs, type LogicalField } from "./reverse_fields.ts";
import type { Mapping } from "./values.ts";
import { QUADLET_KEY_SINCE } from "./versions.ts";

export interface ReverseNames {
  /** Unit base name (file name without extension) → compose name. */
  serviceOf(base: string): string;
  volumeOf(base: string): string;
  networkOf(base: string): string;
  /** Podman container name → compose service, for `Network=container:NAME`. */
  serviceByContainer(name: string): string | undefined;
  defaultContainerName(service: string): string;
  /** The name quadlet gives a container without ContainerName=. */
  unnamedContainer(service: string): string;
  /** The compose `build` (and `image`, unless the default tag) of a `.build` unit, by unit base name. */
  buildOf(base: string): { build: Mapping; image?: string } | undefined;
}

export interface ServiceBack {
  service: Mapping;
  /** Set by Notify=healthy or --sdnotify=healthy: dependents wait with service_healthy. */
  healthyNotify: boolean;
  /** Named volumes the service mounts (compose names). */
  volumes: string[];
}

const FLAG_TO_KEY: Record<string, string> = Object.fromEntries(
  Object.entries(QUADLET_KEY_SINCE.container).flatMap(([k, v]) => (v.flag ? [[v.flag, k]] : [])),
);
const FLAG_TO_COMPOSE: Record<string, string> = Object.fromEntries(
  Object.entries(SERVICE_KEYS).flatMap(([k, r]) => (r.kind === "podman-args" ? [[r.flag, k]] : [])),
);

export function containerToService(
  name: string,
  fields: readonly LogicalField[],
  names: ReverseNames,
  warn: (m: string) => void,
): ServiceBack {
  const out: ServiceBack = { service: {}, healthyNotify: false, volumes: [] };
  const s = out.service;
  const push = (key: string, v: unknown) => ((s[key] ??= []) as unknown[]).push(v);
  const put = (key: string, k: string, v: unknown) => (((s[key] ??= {}) as Mapping)[k] = v);
  const kv = (text: string): [string, string] => {
    const at = text.indexOf("=");
    return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
  };
  const networks: [string, Mapping][] = [];
  const aliases: string[] = [];
  const ips: [string, string][] = [];
  const apply = (key: string, v: string, all: string[]): void => {
    switch (key) {
      case "Image": {
        const built = v.endsWith(".build") ? names.buildOf(v.slice(0, -6)) : undefined;
        if (built) {
          s["build"] = built.build;
          if (built.image !== undefined) s["image"] = built.image;
        } else s["image"] = v;
        break;
      }
      case "ContainerName":
        if (v !== names.defaultContainerName(name)) s["container_name"] = v;
        break;
      case "Environment":
        for (const w of all) put("environment", ...kv(w));
        break;
      case "EnvironmentFile":
        push("env_file", v);
        break;
      case "Exec":
        s["command"] = all;
        break;
      case "Entrypoint":
        s["entrypoint"] = v.startsWith("[") ? JSON.parse(v) : [v];
        break;
      case "PublishPort":
        push("ports", v);
        break;
      case "ExposeHostPort":
        push("expose", v);
        break;
      case "Volume":
        push("volumes", volumeBack(v, names, out));
        break;
      case "Tmpfs":
        push("tmpfs", v);
        break;
      case "Network":
        networkBack(v, names, s, networks, name);
        break;
      case "NetworkAlias":
        if (v !== name) aliases.push(v);
        break;
      case "IP":
      case "IP6":
        ips.push([key === "IP" ? "ipv4_address" : "ipv6_address", v]);
        break;
      case "Label":
        for (const w of all) put("labels", ...kv(w));
        break;
      case "Annotation":
        for (const w of all) put("annotations", ...kv(w));
        break;
      case "AddCapability":
        for (const w of all) push("cap_add", w);
        break;
      case "DropCapability":
        for (const w of all) push("cap_drop", w);
        break;
      case "AddDevice":
        push("devices", v);
        break;
      case "HostName":
        s["hostname"] = v;
        break;
      case "User":
        s["user"] = v;
        break;
      case "WorkingDir":
        s["working_dir"] = v;
        break;
      case "ReadOnly":
        if (v === "true") s["read_only"] = true;
        break;
      case "NoNewPrivileges":
        if (v === "true") push("security_opt", "no-new-privileges:true");
        break;
      case "SeccompProfile":
        push("security_opt", `seccomp=${v}`);
        break;
      case "SecurityLabelDisable":
        if (v === "true") push("security_opt", "label=disable");
        break;
      case "SecurityLabelType":
      case "SecurityLabelLevel":
      case "SecurityLabelFileType":
        push("security_opt", `label=${key.slice(13).toLowerCase()}:${v}`);
        break;
      case "Ulimit": {
        const [n, lim] = kv(v);
        const [soft, hard] = lim.split(":");
        put(
          "ulimits",
          n,
          hard === undefined ? numberish(soft ?? "") : { soft: numberish(soft ?? ""), hard: numberish(hard) },
        );
        break;
      }
      case "ShmSize":
        s["shm_size"] = v;
        break;
      case "StopTimeout":
        s["stop_grace_period"] = `${v}s`;
        break;
      case "StopSignal":
        s["stop_signal"] = v;
        break;
      case "RunInit":
        if (v === "true") s["init"] = true;
        break;
      case "AddHost":
        push("extra_hosts", v);
        break;
      case "DNS":
        push("dns", v);
        break;
      case "DNSSearch":
        push("dns_search", v);
        break;
      case "DNSOption":
        push("dns_opt", v);
        break;
      case "Sysctl":
        for (const w of all) put("sysctls", ...kv(w));
        break;
      case "LogDriver":
        put("logging", "driver", v);
        break;
      case "LogOpt": {
        const logging = (s["logging"] ??= {}) as Mapping;
        const [k, o] = kv(v);
        ((logging["options"] ??= {}) as Mapping)[k] = o;
        break;
      }
      case "HealthCmd":
        healthBack(v, s);
        break;
      case "HealthInterval":
        put("healthcheck", "interval", v);
        break;
      case "HealthTimeout":
        put("healthcheck", "timeout", v);
        break;
      case "HealthStartPeriod":
        put("healthcheck", "start_period", v);
        break;
      case "HealthRetries":
        put("healthcheck", "retries", numberish(v));
        break;
      case "Pull":
        s["pull_policy"] = v;
        break;
      case "PidsLimit":
        s["pids_limit"] = numberish(v);
        break;
      case "UserNS":
        s["userns_mode"] = v;
        break;
      case "GroupAdd":
        push("group_add", v);
        break;
      case "Secret":
        push("secrets", secretBack(v));
        break;
      case "Notify":
        if (v === "healthy") out.healthyNotify = true;
        break;
      case "PodmanArgs":
        podmanArgsBack(all, apply, s, out, warn, name);
        break;
      default:
        warn(`service "${name}": quadlet key ${key}= has no compose equivalent; left out`);
    }
  };
  for (const f of fields) apply(f.key, f.words.join(" "), f.words);
  // Without ContainerName=, quadlet names the container systemd-<unit>; keep that name.
  if (!fields.some((f) => f.key === "ContainerName")) s["container_name"] = names.unnamedContainer(name);
  if (networks.length > 0) {
    const first = networks[0]?.[1] ?? {};
    if (aliases.length > 0) first["aliases"] = aliases;
    for (const [k, ip] of ips) first[k] = ip;
    if (networks.every(([, opts]) => Object.keys(opts).length === 0)) {
      s["networks"] = networks.map(([n]) => n);
    } else {
      s["networks"] = Object.fromEntries(
        networks.map(([n, opts]) => [n, Object.keys(opts).length ? opts : null]),
      );
    }
  }
  return out;
}

function podmanArgsBack(
  words: string[],
  apply: (key: string, v: string, all: string[]) => void,
  s: Mapping,
  out: ServiceBack,
  warn: (m: string) => void,
  name: string,
): void {
  for (const [flag, value] of flagPairs(words)) {
    const quadletKey = FLAG_TO_KEY[flag];
    const composeKey = FLAG_TO_COMPOSE[flag];
    if (flag === "--sdnotify" && value === "healthy") out.healthyNotify = true;
    else if (flag === "--entrypoint" && value === "") s["entrypoint"] = [];
    else if (flag === "--security-opt" && value !== undefined) {
      ((s["security_opt"] ??= []) as unknown[]).push(value);
    } else if (quadletKey && value !== undefined) apply(quadletKey, value, [value]);
    else if (composeKey) {
      if (value === undefined) s[composeKey] = true;
      else if (["--device-cgroup-rule", "--volumes-from", "--label-file"].includes(flag)) {
        ((s[composeKey] ??= []) as unknown[]).push(value);
      } else s[composeKey] = numberish(value);
    } else warn(`service "${name}": PodmanArgs ${flag} has no compose equivalent; left out`);
  }
}

function volumeBack(v: string, names: ReverseNames, out: ServiceBack): string {
  const parts = v.split(":");
  const src = parts[0] ?? "";
  if (parts.length === 1) return v;
  if (src.endsWith(".volume")) {
    const vol = names.volumeOf(src.slice(0, -7));
    out.volumes.push(vol);
    return [vol, ...parts.slice(1)].join(":");
  }
  return v;
}

/** Podman's per-network options (`Network=x.network:ip=…,alias=…`) → compose's per-network keys. */
const NETWORK_OPTION_BACK: Record<string, string> = {
  ip: "ipv4_address",
  ip6: "ipv6_address",
  mac: "mac_address",
  interface_name: "interface_name",
};

function networkBack(
  v: string,
  names: ReverseNames,
  s: Mapping,
  networks: [string, Mapping][],
  service: string,
): void {
  const unit = /^([^:]+)\.network(?::(.*))?$/.exec(v);
  if (unit) {
    const n = names.networkOf(unit[1] as string);
    const opts: Mapping = {};
    for (const option of unit[2] ? unit[2].split(",") : []) {
      const [k, val] = [option.slice(0, option.indexOf("=")), option.slice(option.indexOf("=") + 1)];
      if (k === "alias") {
        if (val !== service) ((opts["aliases"] ??= []) as string[]).push(val);
      } else if (NETWORK_OPTION_BACK[k]) opts[NETWORK_OPTION_BACK[k] as string] = val;
    }
    if (n !== "default" || Object.keys(opts).length > 0) networks.push([n, opts]);
  } else if (v.endsWith(".container")) {
    s["network_mode"] = `service:${names.serviceOf(v.slice(0, -10))}`;
  } else if (v.startsWith("container:")) {
    const svc = names.serviceByContainer(v.slice(10));
    s["network_mode"] = svc ? `service:${svc}` : v;
  } else if (["host", "none", "bridge"].includes(v) || v.includes(":")) {
    s["network_mode"] = v;
  } else {
    networks.push([v, {}]);
  }
}

function healthBack(v: string, s: Mapping): void {
  const hc = (s["healthcheck"] ??= {}) as Mapping;
  if (v === "none") {
    hc["disable"] = true;
    return;
  }
  if (v.startsWith("[")) {
    try {
      const parsed = JSON.parse(v);
      if (Array.isArray(parsed)) {
        hc["test"] = parsed;
        return;
      }
    } catch { /* a shell string that starts with "[" */ }
  }
  hc["test"] = ["CMD-SHELL", v];
}

function secretBack(v: string): unknown {
  const [source, ...opts] = v.split(",");
  if (opts.length === 0) return source;
  const out: Mapping = { source };
  for (const o of opts) {
    const [k, val] = o.split("=");
    if (k && val !== undefined) {
      out[k] = ["uid", "gid"].includes(k) ? val : k === "mode" ? numberish(val) : val;
    }
  }
  return out;
}

function numberish(v: string): string | number {
  return /^-?\d+$/.test(v) ? Number(v) : v;
}
