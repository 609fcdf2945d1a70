/**
 * Maps Podman (libpod) and Docker API JSON to the runtime client's shapes. Pure; tolerant of missing fields
 * because the two APIs (and their versions) differ in details.
 */
import type { ContainerStats, ContainerSummary, RuntimeEvent } from "./client.ts";
import type { ContainerDetails } from "../../../shared/container_details.ts";

type Json = Record<string, unknown>;

const asObj = (
  v: unknown,
): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? v as Json : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asStr = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const asNum = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const stripSlash = (name: string) => (name.startsWith("/") ? name.slice(1) : name);

export const COMPOSE_PROJECT_LABELS = ["io.podman.compose.project", "com.docker.compose.project"] as const;

export function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(asObj(v))) out[k] = asStr(val);
  return out;
}

/** An image id without the `sha256:` Docker (and Podman's inspect) put before it. */
export function bareImageId(v: unknown): string {
  return asStr(v).replace(/^sha256:/, "");
}

/** One entry of the image list (`GET /images/json`, libpod or Docker): what upgrade checks read of it. */
export interface ImageSummary {
  id: string;
  /** `registry/repository@sha256:…` of every registry the image was pulled from or pushed to. */
  repoDigests: string[];
  labels: Record<string, string>;
}

export function toImageSummary(raw: unknown): ImageSummary {
  const o = asObj(raw);
  return {
    id: bareImageId(o.Id),
    repoDigests: asArr(o.RepoDigests).filter((d): d is string => typeof d === "string"),
    labels: labelsOf(o.Labels),
  };
}

export function composeProject(labels: Record<string, string>): string | null {
  for (const key of COMPOSE_PROJECT_LABELS) if (labels[key]) return labels[key];
  return null;
}

/** The labels podman-compose and Docker Compose put the service name in. */
export const COMPOSE_SERVICE_LABELS = ["io.podman.compose.service", "com.docker.compose.service"] as const;

/** The compose service a container runs, from its labels; null when it has none. */
export function composeService(labels: Record<string, string>): string | null {
  for (const key of COMPOSE_SERVICE_LABELS) if (labels[key]) return labels[key];
  return null;
}

function isoTime(v: unknown): string {
  if (typeof v === "number") return new Date(v * 1000).toISOString();
  const ms = Date.parse(asStr(v));
  return Number.isNaN(ms) ? "" : new Date(ms).toISOString();
}

function portText(p: unknown): string {
  const o = asObj(p);
  // libpod: host_ip, host_port, container_port, protocol; docker: IP, PublicPort, PrivatePort, Type
  const hostPort = asNum(o.host_port ?? o.PublicPort);
  const containerPort = asNum(o.container_port ?? o.PrivatePort);
  const proto = asStr(o.protocol ?? o.Type) || "tcp";
  const ip = asStr(o.host_ip ?? o.IP);
  if (!hostPort) return `${containerPort}/${proto}`;
  return `${ip ? `${ip}:` : ""}${hostPort}->${containerPort}/${proto}`;
}

export function toSummary(raw: unknown): ContainerSummary {
  const o = asObj(raw);
  const labels = labelsOf(o.Labels);
  return {
    id: asStr(o.Id),
    name: stripSlash(asStr(asArr(o.Names)[0])),
    image: asStr(o.Image),
    imageId: bareImageId(o.ImageID),
    state: asStr(o.State),
    status: asStr(o.Status),
    created: isoTime(o.Created),
    labels,
    composeProject: composeProject(labels),
    ports: asArr(o.Ports).map(portText),
  };
}

/** libpod lists pod infra containers too; they are implementation details of pods. */
export function isInfra(raw: unknown): boolean {
  return asObj(raw).IsInfra === true;
}

function bindingText(map: unknown): string[] {
  const out: string[] = [];
  for (const [containerPort, bindings] of Object.entries(asObj(map))) {
    const list = asArr(bindings);
    if (list.length === 0) out.push(containerPort);
    for (const b of list) {
      const bo = asObj(b);
      const ip = asStr(bo.HostIp);
      out.push(`${ip ? `${ip}:` : ""}${asStr(bo.HostPort)}->${containerPort}`);
    }
  }
  return out;
}

function nullableTime(v: unknown): string | null {
  const t = isoTime(v);
  return t === "" || t.startsWith("0001-") ? null : t;
}

/** Why the runtime API refused a request: its JSON `cause` or `message`, else the start of the body. */
export function errorReason(body: string): string {
  try {
    const o = JSON.parse(body) as { cause?: unknown; message?: unknown };
    const reason = typeof o.cause === "string" && o.cause !== ""
      ? o.cause
      : typeof o.message === "string"
      ? o.message
      : "";
    return reason || body.trim().slice(0, 200);
  } catch {
    return body.trim().slice(0, 200);
  }
}

export function toDetails(raw: unknown): ContainerDetails {
  const o = asObj(raw);
  const state = asObj(o.State);
  const config = asObj(o.Config);
  const host = asObj(o.HostConfig);
  const health = asObj(state.Health);
  const started = nullableTime(state.StartedAt);
  const finished = nullableTime(state.FinishedAt);
  return {
    id: asStr(o.Id),
    name: stripSlash(asStr(o.Name)),
    image: asStr(o.ImageName) || asStr(config.Image) || asStr(o.Image),
    // Podman's and Docker's inspect both give the image id as `Image` (Docker with `sha256:`).
    imageId: bareImageId(o.Image),
    state: asStr(state.Status),
    running: state.Running === true,
    startedAt: started,
    finishedAt: finished,
    exitCode: finished === null ? null : asNum(state.ExitCode),
    restartCount: asNum(o.RestartCount),
    restartPolicy: asStr(asObj(host.RestartPolicy).Name) || null,
    command: [...asArr(config.Entrypoint), ...asArr(config.Cmd)].map(asStr),
    envNames: asArr(config.Env).map((e) => asStr(e).split("=")[0] ?? ""),
    mounts: asArr(o.Mounts).map((m) => {
      const mo = asObj(m);
      return { source: asStr(mo.Source), destination: asStr(mo.Destination), readOnly: mo.RW === false };
    }),
    ports: bindingText(asObj(o.NetworkSettings).Ports ?? host.PortBindings),
    labels: labelsOf(config.Labels),
    healthStatus: asStr(health.Status) || null,
  };
}

/** One entry of libpod's `/libpod/containers/stats?stream=false` `Stats` array. */
export function podmanStats(raw: unknown): ContainerStats {
  const o = asObj(raw);
  return {
    name: asStr(o.Name),
    cpuPercent: round(asNum(o.CPU)),
    memUsageBytes: asNum(o.MemUsage),
    memLimitBytes: asNum(o.MemLimit),
    memPercent: round(asNum(o.MemPerc)),
    netInputBytes: asNum(o.NetInput),
    netOutputBytes: asNum(o.NetOutput),
    blockInputBytes: asNum(o.BlockInput),
    blockOutputBytes: asNum(o.BlockOutput),
    pids: asNum(o.PIDs),
  };
}

/** Docker's `/containers/{id}/stats?stream=false` body (CPU % from cpu_stats vs precpu_stats). */
export function dockerStats(raw: unknown, fallbackName: string): ContainerStats {
  const o = asObj(raw);
  const cpu = asObj(o.cpu_stats);
  const pre = asObj(o.precpu_stats);
  const cpuDelta = asNum(asObj(cpu.cpu_usage).total_usage) - asNum(asObj(pre.cpu_usage).total_usage);
  const sysDelta = asNum(cpu.system_cpu_usage) - asNum(pre.system_cpu_usage);
  const cpus = asNum(cpu.online_cpus) || asArr(asObj(cpu.cpu_usage).percpu_usage).length || 1;
  const mem = asObj(o.memory_stats);
  const memStats = asObj(mem.stats);
  const usage = Math.max(0, asNum(mem.usage) - asNum(memStats.inactive_file ?? memStats.cache));
  const limit = asNum(mem.limit);
  let rx = 0, tx = 0;
  for (const n of Object.values(asObj(o.networks))) {
    rx += asNum(asObj(n).rx_bytes);
    tx += asNum(asObj(n).tx_bytes);
  }
  let blkIn = 0, blkOut = 0;
  for (const e of asArr(asObj(o.blkio_stats).io_service_bytes_recursive)) {
    const op = asStr(asObj(e).op).toLowerCase();
    if (op === "read") blkIn += asNum(asObj(e).value);
    if (op === "write") blkOut += asNum(asObj(e).value);
  }
  return {
    name: stripSlash(asStr(o.name)) || fallbackName,
    cpuPercent: round(sysDelta > 0 && cpuDelta > 0 ? (cpuDelta / sysDelta) * cpus * 100 : 0),
    memUsageBytes: usage,
    memLimitBytes: limit,
    memPercent: round(limit > 0 ? (usage / limit) * 100 : 0),
    netInputBytes: rx,
    netOutputBytes: tx,
    blockInputBytes: blkIn,
    blockOutputBytes: blkOut,
    pids: asNum(asObj(o.pids_stats).current),
  };
}

export function toEvent(raw: unknown): RuntimeEvent {
  const o = asObj(raw);
  const actor = asObj(o.Actor);
  const nano = asNum(o.timeNano);
  return {
    time: nano ? new Date(Math.floor(nano / 1e6)).toISOString() : isoTime(o.time),
    type: asStr(o.Type ?? o.type),
    action: asStr(o.Action ?? o.status),
    name: asStr(asObj(actor.Attributes).name) || null,
    id: asStr(actor.ID ?? o.id) || null,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
