/**
 * quadlet units → compose, for the keys that map both ways. A key with no compose form is left out with a
 * warning. Bind-mount paths come back absolute; `unless-stopped` comes back as `always` (systemd has one policy).
 */
import { stringify } from "yaml";
import { err, ok, type Result } from "../result.ts";
import { containerToService, type ReverseNames } from "./reverse_container.ts";
import { type LogicalField, logicalFields } from "./reverse_fields.ts";
import { parseUnit } from "./unit_file.ts";
import { EMPTY_WORD_VAR } from "./systemd_quote.ts";
import { DEFAULT_START_TIMEOUT_SEC, type UnitText } from "./types.ts";
import { type Mapping } from "./values.ts";

export interface ReverseOptions {
  /** The stack prefix to strip from unit names (`media` for `media-sonarr.container`). */
  stack?: string;
  /**
   * The compose project name: a `NetworkName=`/`VolumeName=` of `<project>_<name>` is what compose would name
   * it anyway, so it gives no `name:`. @default read from the units (`<project>_<name>` names)
   */
  project?: string;
  /** A `TimeoutStartSec=` of this value is the converter's pull allowance and gives no warning. @default 900 */
  startTimeoutSec?: number;
}

export interface ReverseResult {
  compose: Mapping;
  yaml: string;
  warnings: string[];
}

const EXT = /\.(container|network|volume|build)$/;

export function quadletToCompose(
  units: readonly UnitText[],
  options: ReverseOptions = {},
): Result<ReverseResult, { fileName: string; message: string }> {
  const prefix = options.stack ? `${options.stack}-` : "";
  const strip = (base: string) => (prefix && base.startsWith(prefix) ? base.slice(prefix.length) : base);
  const warnings: string[] = [];
  const parsed = units.map((u) => ({ ...u, sections: parseUnit(u.text), kind: EXT.exec(u.fileName)?.[1] }));
  for (const u of parsed) {
    if (u.kind === undefined) {
      return err({
        fileName: u.fileName,
        message: `Cannot read unit "${u.fileName}": not a .container, .network, .volume or .build file`,
      });
    }
    if (!u.sections.has(u.kind[0]!.toUpperCase() + u.kind.slice(1))) {
      return err({
        fileName: u.fileName,
        message: `Cannot read unit "${u.fileName}": no [${u.kind}] section`,
      });
    }
  }
  const containers = parsed.filter((u) => u.kind === "container");
  const byContainerName = new Map<string, string>();
  for (const u of containers) {
    const service = strip(u.fileName.replace(EXT, ""));
    const cn = u.sections.get("Container")?.find((l) => l.key === "ContainerName")?.value ??
      `systemd-${u.fileName.replace(EXT, "")}`;
    byContainerName.set(cn, service);
  }
  const names: ReverseNames = {
    serviceOf: strip,
    volumeOf: strip,
    networkOf: strip,
    serviceByContainer: (n) => byContainerName.get(n),
    defaultContainerName: (service) => `${prefix}${service}`,
    unnamedContainer: (service) => `systemd-${prefix}${service}`,
    buildOf: (base) => {
      const unit = parsed.find((p) => p.kind === "build" && p.fileName === `${base}.build`);
      return unit ? buildBack(logicalFields("Build", unit.sections.get("Build") ?? []), base) : undefined;
    },
  };
  const compose: Mapping = {};
  if (options.stack) compose["name"] = options.stack;
  const services: Mapping = {};
  const healthy = new Set<string>();
  const completes = new Set<string>();
  const deps = new Map<string, [string, boolean][]>();
  const namedVolumes = new Set<string>();
  for (const u of containers) {
    const name = strip(u.fileName.replace(EXT, ""));
    const fields = logicalFields("Container", u.sections.get("Container") ?? []);
    const back = containerToService(name, fields, names, (m) => warnings.push(m));
    if (back.healthyNotify) healthy.add(name);
    back.volumes.forEach((v) => namedVolumes.add(v));
    deps.set(name, unitDeps(u.sections.get("Unit") ?? [], strip, name, warnings));
    const timeout = options.startTimeoutSec ?? DEFAULT_START_TIMEOUT_SEC;
    if (serviceSection(u.sections.get("Service") ?? [], back.service, name, warnings, timeout)) {
      completes.add(name);
    }
    for (const l of u.sections.get("Install") ?? []) {
      // WantedBy=default.target is what restart: always/unless-stopped produce.
      if (l.key !== "WantedBy" || l.value !== "default.target") {
        warnings.push(`service "${name}": [Install] ${l.key}=${l.value} has no compose equivalent; left out`);
      }
    }
    services[name] = back.service;
  }
  for (const [name, list] of deps) {
    const svc = services[name] as Mapping;
    const sidecar = /^service:(.+)$/.exec(String(svc["network_mode"] ?? ""))?.[1];
    const kept = list.filter(([dep]) => dep !== sidecar || healthy.has(dep));
    if (kept.length === 0) continue;
    const plain = kept.every(([dep, required]) => required && !healthy.has(dep) && !completes.has(dep));
    svc["depends_on"] = plain ? kept.map(([d]) => d) : Object.fromEntries(kept.map(([d, required]) => {
      const condition = healthy.has(d)
        ? "service_healthy"
        : completes.has(d)
        ? "service_completed_successfully"
        : "service_started";
      const opts: Mapping = { condition };
      if (!required) opts["required"] = false;
      return [d, opts];
    }));
  }
  compose["services"] = services;
  const project = options.project ?? projectOf(parsed, strip);
  const implied = (def: Mapping | null, name: string) => {
    if (def !== null && project !== undefined && def["name"] === `${project}_${name}`) delete def["name"];
    return def !== null && Object.keys(def).length === 0 ? null : def;
  };
  const networks: Mapping = {};
  for (const u of parsed.filter((p) => p.kind === "network")) {
    const name = strip(u.fileName.replace(EXT, ""));
    const def = implied(
      networkBack(logicalFields("Network", u.sections.get("Network") ?? []), name, warnings),
      name,
    );
    if (name === "default" && def === null) continue;
    networks[name] = def;
  }
  if (Object.keys(networks).length) compose["networks"] = networks;
  const volumes: Mapping = {};
  for (const u of parsed.filter((p) => p.kind === "volume")) {
    const name = strip(u.fileName.replace(EXT, ""));
    volumes[name] = implied(
      volumeBack(logicalFields("Volume", u.sections.get("Volume") ?? []), name, warnings),
      name,
    );
  }
  for (const v of namedVolumes) if (!Object.hasOwn(volumes, v)) volumes[v] = { external: true };
  if (Object.keys(volumes).length) compose["volumes"] = volumes;
  const secretNames = Object.values(services).flatMap((s) =>
    ((s as Mapping)["secrets"] as unknown[] | undefined ?? []).map((x) =>
      typeof x === "string" ? x : String((x as Mapping)["source"])
    )
  );
  if (secretNames.length) {
    compose["secrets"] = Object.fromEntries(secretNames.map((n) => [n, { external: true }]));
  }
  return ok({ compose, yaml: stringify(compose, { lineWidth: 0 }), warnings });
}

/** The project a converter named the networks and volumes after: `<project>_<name>`, the default network first. */
function projectOf(
  parsed: readonly { fileName: string; kind: string | undefined; sections: ReturnType<typeof parseUnit> }[],
  strip: (b: string) => string,
): string | undefined {
  const found: string[] = [];
  for (const u of parsed) {
    const section = u.kind === "network" ? "Network" : u.kind === "volume" ? "Volume" : undefined;
    if (section === undefined) continue;
    const name = strip(u.fileName.replace(EXT, ""));
    const value = u.sections.get(section)?.find((l) => l.key === `${section}Name`)?.value;
    if (value === undefined || !value.endsWith(`_${name}`)) continue;
    const project = value.slice(0, -name.length - 1);
    if (name === "default") return project;
    found.push(project);
  }
  return found[0];
}

function unitDeps(
  lines: readonly { key: string; value: string }[],
  strip: (b: string) => string,
  name: string,
  warnings: string[],
): [string, boolean][] {
  const out: [string, boolean][] = [];
  for (const l of lines) {
    if (l.key === "Requires" || l.key === "Wants") {
      for (const unit of l.value.split(/\s+/)) {
        if (!unit.endsWith(".service")) continue;
        const dep = strip(unit.slice(0, -8));
        if (!out.some(([d]) => d === dep)) out.push([dep, l.key === "Requires"]);
      }
    } else if (l.key !== "After") {
      warnings.push(`service "${name}": [Unit] ${l.key}= has no compose equivalent; left out`);
    }
  }
  return out;
}

/** Reads [Service] back; true when it is the one-shot job that `service_completed_successfully` produces. */
function serviceSection(
  lines: readonly { key: string; value: string }[],
  svc: Mapping,
  name: string,
  warnings: string[],
  startTimeoutSec: number,
): boolean {
  const oneshot = lines.some((l) => l.key === "Type" && l.value === "oneshot") &&
    lines.some((l) => l.key === "RemainAfterExit" && l.value === "yes");
  for (const l of lines) {
    if (l.key === "Restart" && ["no", "always", "on-failure"].includes(l.value)) svc["restart"] = l.value;
    else if (l.key === "Environment" && l.value === `${EMPTY_WORD_VAR}=`) continue;
    else if (oneshot && (l.key === "Type" || l.key === "RemainAfterExit")) continue;
    // The converter's allowance for the first image pull; compose has no start timeout.
    else if (l.key === "TimeoutStartSec" && l.value === String(startTimeoutSec)) continue;
    else {warnings.push(
        `service "${name}": [Service] ${l.key}=${l.value} has no compose equivalent; left out`,
      );}
  }
  return oneshot;
}

function networkBack(fields: readonly LogicalField[], name: string, warnings: string[]): Mapping | null {
  const def: Mapping = {};
  const ipamConfig: Mapping = {};
  for (const f of fields) {
    const v = f.words.join(" ");
    const kv = (
      w: string,
    ) => [
      w.slice(0, w.indexOf("=") < 0 ? w.length : w.indexOf("=")),
      w.includes("=") ? w.slice(w.indexOf("=") + 1) : "",
    ];
    if (f.key === "Driver") def["driver"] = v;
    else if (f.key === "Options") ((def["driver_opts"] ??= {}) as Mapping)[kv(v)[0]!] = kv(v)[1];
    else if (f.key === "IPv6") def["enable_ipv6"] = v === "true";
    else if (f.key === "Internal") def["internal"] = v === "true";
    else if (f.key === "Label") {
      for (const w of f.words) ((def["labels"] ??= {}) as Mapping)[kv(w)[0]!] = kv(w)[1];
    } else if (f.key === "NetworkName") def["name"] = v;
    else if (f.key === "IPAMDriver") ((def["ipam"] ??= {}) as Mapping)["driver"] = v;
    else if (f.key === "Subnet") ipamConfig["subnet"] = v;
    else if (f.key === "IPRange") ipamConfig["ip_range"] = v;
    else if (f.key === "Gateway") ipamConfig["gateway"] = v;
    else warnings.push(`network "${name}": quadlet key ${f.key}= has no compose equivalent; left out`);
  }
  if (Object.keys(ipamConfig).length) ((def["ipam"] ??= {}) as Mapping)["config"] = [ipamConfig];
  return Object.keys(def).length ? def : null;
}

function volumeBack(fields: readonly LogicalField[], name: string, warnings: string[]): Mapping | null {
  const def: Mapping = {};
  const opts = () => (def["driver_opts"] ??= {}) as Mapping;
  for (const f of fields) {
    const v = f.words.join(" ");
    if (f.key === "Driver") def["driver"] = v;
    else if (f.key === "Type") opts()["type"] = v;
    else if (f.key === "Device") opts()["device"] = v;
    else if (f.key === "Options") opts()["o"] = v;
    else if (f.key === "Label") {
      for (const w of f.words) {
        ((def["labels"] ??= {}) as Mapping)[w.split("=")[0]!] = w.split("=").slice(1).join("=");
      }
    } else if (f.key === "VolumeName") def["name"] = v;
    else if (f.key === "PodmanArgs" && f.words[0] === "--opt" && f.words[1]) {
      const [k, ...rest] = f.words[1].split("=");
      opts()[k!] = rest.join("=");
    } else warnings.push(`volume "${name}": quadlet key ${f.key}= has no compose equivalent; left out`);
  }
  return Object.keys(def).length ? def : null;
}

/** A `.build` unit back to compose `build` (+ `image` when the tag is not the converter's default). */
function buildBack(fields: readonly LogicalField[], base: string): { build: Mapping; image?: string } {
  const build: Mapping = {};
  let image: string | undefined;
  let file: string | undefined;
  for (const f of fields) {
    const v = f.words.join(" ");
    if (f.key === "ImageTag" && v !== `localhost/${base}:latest`) image = v;
    else if (f.key === "SetWorkingDirectory") build["context"] = v;
    else if (f.key === "File") file = v;
    else if (f.key === "Target") build["target"] = v;
    else if (f.key === "Network") build["network"] = v;
    else if (f.key === "Pull" && v === "always") build["pull"] = true;
    else if (f.key === "Label") {
      for (const w of f.words) {
        ((build["labels"] ??= {}) as Mapping)[w.split("=")[0] ?? ""] = w.split("=").slice(1).join("=");
      }
    } else if (f.key === "PodmanArgs" && f.words[0] === "--build-arg" && f.words[1] !== undefined) {
      const [k, ...rest] = f.words[1].split("=");
      ((build["args"] ??= {}) as Mapping)[k ?? ""] = rest.join("=");
    } else if (f.key === "PodmanArgs" && f.words[0] === "--no-cache") build["no_cache"] = true;
  }
  if (file !== undefined) {
    const ctx = typeof build["context"] === "string" ? `${build["context"]}/` : "";
    build["dockerfile"] = ctx && file.startsWith(ctx) ? file.slice(ctx.length) : file;
  }
  const out: { build: Mapping; image?: string } = { build };
  if (image !== undefined) out.image = image;
  return out;
}
