/**
 * service_diagnose's logic: four checks on one container (state, config dir, port, health endpoint) using
 * injected probes, so it runs the same against real sockets and in unit tests. No secrets leave it: config
 * files are only parsed for port and URL base, and response excerpts are redacted.
 */
import { normalize } from "node:path";
import { redactSecrets } from "../../shared/redact/mod.ts";
import {
  type KnownService,
  parseServiceConfig,
  type ServiceConfigFacts,
} from "../clients/media/known_services.ts";
import type { ContainerDetails } from "../../shared/container_details.ts";
import { hostAddressFor, hostPortText } from "./ports.ts";
import type { DiagnoseProbes } from "./probes.ts";

export type CheckStatus = "ok" | "warn" | "fail" | "skip";

export interface Check {
  name: "container" | "config_dir" | "port" | "health";
  status: CheckStatus;
  summary: string;
  details: Record<string, string | number | boolean | null>;
}

export interface Diagnosis {
  container: string;
  service: string;
  verdict: "healthy" | "degraded" | "down";
  checks: Check[];
  /** What the config file says (port, URL base …); never secrets. */
  config: {
    file: string | null;
    port: number | null;
    url_base: string | null;
    bind_address: string | null;
    ssl_enabled: boolean | null;
  };
  health_url: string | null;
}

const CONFIG_READ_BYTES = 512 * 1024;

function containerCheck(d: ContainerDetails): Check {
  const details = {
    state: d.state,
    restart_count: d.restartCount,
    exit_code: d.exitCode,
    health: d.healthStatus,
    started_at: d.startedAt,
  };
  if (!d.running) {
    const exit = d.exitCode === null ? "" : ` (exit code ${d.exitCode})`;
    return {
      name: "container",
      status: "fail",
      summary: `Container is ${d.state || "not running"}${exit}`,
      details,
    };
  }
  if (d.healthStatus === "unhealthy") {
    return {
      name: "container",
      status: "warn",
      summary: "Running, but its own healthcheck reports unhealthy",
      details,
    };
  }
  if (d.restartCount > 3) {
    return {
      name: "container",
      status: "warn",
      summary: `Running, but restarted ${d.restartCount} times`,
      details,
    };
  }
  return { name: "container", status: "ok", summary: "Running", details };
}

function configMount(d: ContainerDetails, service: KnownService): string | null {
  for (const dir of service.containerConfigDirs) {
    const m = d.mounts.find((x) => normalize(x.destination) === dir);
    if (m && m.source) return m.source;
  }
  return null;
}

async function configDirCheck(
  dir: string | null,
  service: KnownService,
  probes: DiagnoseProbes,
  serverUid: number,
): Promise<{ check: Check; facts: ServiceConfigFacts | null; file: string | null }> {
  if (dir === null) {
    return {
      check: {
        name: "config_dir",
        status: "skip",
        summary: `No mount at ${
          service.containerConfigDirs.join(" or ")
        }; settings live inside the container`,
        details: {},
      },
      facts: null,
      file: null,
    };
  }
  const info = await probes.stat(dir);
  if (!info) {
    return {
      check: {
        name: "config_dir",
        status: "fail",
        summary: `Config dir "${dir}" does not exist`,
        details: { path: dir },
      },
      facts: null,
      file: null,
    };
  }
  const mode = info.mode === null ? null : (info.mode & 0o7777).toString(8).padStart(3, "0");
  const details = { path: dir, owner_uid: info.uid, owner_gid: info.gid, mode, server_uid: serverUid };
  let facts: ServiceConfigFacts | null = null;
  let file: string | null = null;
  for (const candidate of service.configFiles) {
    const text = await probes.readText(`${dir}/${candidate.path}`, CONFIG_READ_BYTES);
    if (text === null) continue;
    file = `${dir}/${candidate.path}`;
    if (candidate.format) facts = parseServiceConfig(candidate.format, text);
    break;
  }
  const withFile = { ...details, config_file: file };
  if (!info.isDirectory) {
    return {
      check: {
        name: "config_dir",
        status: "fail",
        summary: `"${dir}" is not a directory`,
        details: withFile,
      },
      facts,
      file,
    };
  }
  if (info.mode !== null && (info.mode & 0o200) === 0) {
    return {
      check: {
        name: "config_dir",
        status: "fail",
        summary: `"${dir}" is not writable by its owner (mode ${mode})`,
        details: withFile,
      },
      facts,
      file,
    };
  }
  const problems: string[] = [];
  if (info.uid !== serverUid) {
    problems.push(
      `owned by uid ${info.uid}, not the server's uid ${serverUid} (arr-mcp cannot fix files there)`,
    );
  }
  if (info.mode !== null && (info.mode & 0o002) !== 0) problems.push(`world-writable (mode ${mode})`);
  if (file === null) problems.push(`none of ${service.configFiles.map((f) => f.path).join(", ")} found yet`);
  return {
    check: {
      name: "config_dir",
      status: problems.length > 0 ? "warn" : "ok",
      summary: problems.length > 0 ? problems.join("; ") : `Owned by the server's uid, mode ${mode}`,
      details: withFile,
    },
    facts,
    file,
  };
}

export interface DiagnoseInput {
  details: ContainerDetails;
  service: KnownService;
  serverUid: number;
  timeoutMs: number;
}

export async function diagnose(input: DiagnoseInput, probes: DiagnoseProbes): Promise<Diagnosis> {
  const { details: d, service } = input;
  const checks: Check[] = [containerCheck(d)];
  const cfg = await configDirCheck(configMount(d, service), service, probes, input.serverUid);
  checks.push(cfg.check);
  const containerPort = cfg.facts?.port ?? service.defaultPort;
  const urlBase = cfg.facts?.urlBase ?? service.defaultUrlBase;
  const address = hostAddressFor(d.ports, containerPort);
  let healthUrl: string | null = null;
  if (!d.running) {
    checks.push({
      name: "port",
      status: "skip",
      summary: "Container is not running",
      details: { container_port: containerPort },
    });
    checks.push({ name: "health", status: "skip", summary: "Container is not running", details: {} });
  } else if (!address) {
    const why = `Port ${containerPort}/tcp is not published on the host, so it cannot be reached from here`;
    checks.push({ name: "port", status: "skip", summary: why, details: { container_port: containerPort } });
    checks.push({ name: "health", status: "skip", summary: why, details: {} });
  } else {
    const where = hostPortText(address.host, address.port);
    const tcp = await probes.tcpConnect(address.host, address.port, input.timeoutMs);
    const portDetails = { container_port: containerPort, host: address.host, host_port: address.port };
    checks.push(
      tcp.ok
        ? { name: "port", status: "ok", summary: `${where} accepts TCP connections`, details: portDetails }
        : {
          name: "port",
          status: "fail",
          summary: `${where} refused or timed out: ${tcp.message}`,
          details: portDetails,
        },
    );
    healthUrl = `http://${where}${urlBase}${service.health.path}`;
    checks.push(await healthCheck(healthUrl, service, probes, input.timeoutMs));
  }
  return {
    container: d.name,
    service: service.key,
    verdict: verdictOf(checks),
    checks,
    config: {
      file: cfg.file,
      port: cfg.facts?.port ?? null,
      url_base: cfg.facts?.urlBase ?? null,
      bind_address: cfg.facts?.bindAddress ?? null,
      ssl_enabled: cfg.facts?.sslEnabled ?? null,
    },
    health_url: healthUrl,
  };
}

async function healthCheck(
  url: string,
  service: KnownService,
  probes: DiagnoseProbes,
  timeoutMs: number,
): Promise<Check> {
  const res = await probes.httpGet(url, timeoutMs);
  if ("error" in res) {
    return { name: "health", status: "fail", summary: `GET ${url} failed: ${res.error}`, details: { url } };
  }
  const excerpt = redactSecrets(res.body.slice(0, 200)).text;
  const details = { url, http_status: res.status, body_excerpt: excerpt, expected: service.health.expect };
  const up = service.health.upWhenStatus.includes(res.status) || (res.status >= 200 && res.status < 300);
  if (!up) {
    return { name: "health", status: "fail", summary: `GET ${url} answered HTTP ${res.status}`, details };
  }
  const needsAuth = res.status === 401 || res.status === 403;
  return {
    name: "health",
    status: "ok",
    summary: needsAuth
      ? `Answering (HTTP ${res.status}: the endpoint needs credentials)`
      : `Answering (HTTP ${res.status})`,
    details,
  };
}

export function verdictOf(checks: readonly Check[]): Diagnosis["verdict"] {
  const byName = (n: Check["name"]) => checks.find((c) => c.name === n)?.status;
  if (byName("container") === "fail" || byName("port") === "fail" || byName("health") === "fail") {
    return "down";
  }
  if (checks.some((c) => c.status === "warn" || c.status === "fail")) return "degraded";
  return "healthy";
}
