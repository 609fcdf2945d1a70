/**
 * deploy (the parts `docker compose up` applies to a single container) and gpus.
 *
 * Resource limits and reservations become the `podman run` flags Docker Compose sets for them; GPU reservations
 * become CDI devices (`nvidia.com/gpu=all`, or one per id), which Podman resolves through the NVIDIA Container
 * Toolkit's CDI spec (`nvidia-ctk cdi generate`). `restart_policy` is used when the service has no `restart`, as
 * Docker Compose does. Swarm-only keys are reported.
 */
import { InvalidValue } from "./failure.ts";
import { lookupTable } from "./lookup_table.ts";
import { restart } from "./service_lifecycle.ts";
import type { Handler, ServiceScope } from "./service_scope.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { isMapping, list, mapping, scalar, stringList } from "./values.ts";

/** What becomes of each `deploy` key (by its path below `deploy`). Keys not listed are reported as unknown. */
type DeployRule =
  | { kind: "podman-args"; flag: string }
  | { kind: "native"; quadlet: string }
  | { kind: "elsewhere"; where: string }
  | { kind: "unsupported"; reason: string };

export const DEPLOY_KEYS: Readonly<Record<string, DeployRule>> = lookupTable<DeployRule>({
  "resources.limits.memory": { kind: "podman-args", flag: "--memory" },
  "resources.limits.cpus": { kind: "podman-args", flag: "--cpus" },
  "resources.limits.pids": { kind: "native", quadlet: "PidsLimit" },
  "resources.reservations.memory": { kind: "podman-args", flag: "--memory-reservation" },
  "resources.reservations.devices": { kind: "elsewhere", where: "AddDevice=nvidia.com/gpu=… (CDI) for GPUs" },
  "resources.reservations.cpus": {
    kind: "unsupported",
    reason: "Podman has no CPU reservation (Docker Compose applies none either)",
  },
  "resources.limits.generic_resources": { kind: "unsupported", reason: "Swarm generic resources" },
  "resources.reservations.generic_resources": { kind: "unsupported", reason: "Swarm generic resources" },
  "restart_policy.condition": {
    kind: "elsewhere",
    where: "[Service] Restart= when the service has no `restart` (none → no, on-failure, any → always, " +
      "unless-stopped)",
  },
  "restart_policy.delay": {
    kind: "unsupported",
    reason: "systemd's RestartSec= is the equivalent; set it by hand",
  },
  "restart_policy.max_attempts": {
    kind: "unsupported",
    reason: "systemd's StartLimitBurst= is the equivalent; set it by hand",
  },
  "restart_policy.window": {
    kind: "unsupported",
    reason: "systemd's StartLimitIntervalSec= is the equivalent; set it by hand",
  },
  replicas: { kind: "unsupported", reason: "a quadlet unit runs one container (replicas: 1 is fine)" },
  mode: { kind: "unsupported", reason: "Swarm scheduling mode; a quadlet unit runs one container" },
  placement: { kind: "unsupported", reason: "Swarm placement constraints have no quadlet equivalent" },
  update_config: { kind: "unsupported", reason: "Swarm rolling updates have no quadlet equivalent" },
  rollback_config: { kind: "unsupported", reason: "Swarm rollbacks have no quadlet equivalent" },
  endpoint_mode: { kind: "unsupported", reason: "Swarm service discovery has no quadlet equivalent" },
  labels: { kind: "unsupported", reason: "Swarm service labels are not container labels; use `labels`" },
});

/** Docker Compose's reading of `restart_policy.condition` (it also takes the `restart` names). */
const RESTART_CONDITIONS: Readonly<Record<string, string>> = lookupTable({
  none: "no",
  no: "no",
  "on-failure": "on-failure",
  any: "always",
  always: "always",
  "unless-stopped": "unless-stopped",
});

export const deploy: Handler = (value, s, key) => {
  if (value === null) return;
  for (const [path, v] of leaves(mapping(value, key), "")) {
    const subKey = `${key}.${path}`;
    const rule = DEPLOY_KEYS[path];
    if (rule === undefined) s.unsupported(subKey, "unknown deploy key");
    else if (rule.kind === "podman-args") s.w.args(rule.flag, escapeSystemd(scalar(v, subKey)));
    else if (rule.kind === "native") s.w.put(rule.quadlet, escapeSystemd(scalar(v, subKey)));
    else if (rule.kind === "unsupported") {
      if (!(path === "replicas" && scalar(v, subKey) === "1")) s.unsupported(subKey, rule.reason);
    } else if (path === "resources.reservations.devices") {
      list(v, subKey).forEach((dev, i) => gpuDevices(mapping(dev, `${subKey}[${i}]`), s, `${subKey}[${i}]`));
    } else restartCondition(v, s, subKey);
  }
};

/** The table's keys with their values: mappings are walked until a path the table (or no table) knows. */
function leaves(m: Record<string, unknown>, prefix: string): [string, unknown][] {
  return Object.entries(m).flatMap(([k, v]): [string, unknown][] => {
    const path = prefix + k;
    return DEPLOY_KEYS[path] === undefined && isMapping(v) ? leaves(v, `${path}.`) : [[path, v]];
  });
}

function restartCondition(value: unknown, s: ServiceScope, key: string): void {
  const condition = scalar(value, key);
  const policy = RESTART_CONDITIONS[condition];
  if (policy === undefined) {
    throw new InvalidValue(
      key,
      `Cannot use restart condition "${condition}": expected none, on-failure, any or unless-stopped`,
    );
  }
  // `restart` wins when both are set (Docker Compose reads restart_policy only without it).
  if (s.svc["restart"] === undefined) restart(policy, s, key);
}

/**
 * A device request (`deploy.resources.reservations.devices[]` or `gpus[]`): GPUs become CDI names. `count: all`
 * (or no count and no ids) takes every GPU; `count: N` the first N (ids 0 … N-1); `device_ids` those ids.
 */
function gpuDevices(dev: Record<string, unknown>, s: ServiceScope, key: string): void {
  const capabilities = dev["capabilities"] === undefined
    ? ["gpu"]
    : stringList(dev["capabilities"], `${key}.capabilities`);
  const driver = dev["driver"] === undefined ? "nvidia" : scalar(dev["driver"], `${key}.driver`);
  if (!capabilities.includes("gpu") || driver !== "nvidia") {
    s.unsupported(
      key,
      `device request (driver "${driver}", capabilities ${JSON.stringify(capabilities)}) has no ` +
        "Podman equivalent; only NVIDIA GPUs map to CDI devices",
    );
    return;
  }
  for (const opt of Object.keys(dev)) {
    if (!["capabilities", "driver", "count", "device_ids"].includes(opt)) {
      s.unsupported(`${key}.${opt}`, `device request option "${opt}" has no Podman equivalent`);
    }
  }
  const ids = dev["device_ids"] === undefined
    ? undefined
    : stringList(dev["device_ids"], `${key}.device_ids`);
  const count = dev["count"] === undefined ? undefined : scalar(dev["count"], `${key}.count`);
  let names: string[];
  if (ids !== undefined) names = ids;
  else if (count === undefined || count === "all" || count === "-1") names = ["all"];
  else if (/^\d+$/.test(count)) names = Array.from({ length: Number(count) }, (_, i) => String(i));
  else throw new InvalidValue(`${key}.count`, `Cannot use GPU count "${count}": expected a number or all`);
  for (const id of names) s.w.put("AddDevice", escapeSystemd(`nvidia.com/gpu=${id}`));
  s.w.warnOnce(
    `service "${s.name}": GPUs are passed as CDI devices (nvidia.com/gpu=…); the host needs the NVIDIA ` +
      "Container Toolkit's CDI spec (nvidia-ctk cdi generate)",
  );
}

/** `gpus: all` or a list of device requests, as `deploy.resources.reservations.devices`. */
export const gpus: Handler = (value, s, key) => {
  if (value === "all") {
    gpuDevices({}, s, key);
    return;
  }
  list(value, key).forEach((dev, i) => {
    const itemKey = `${key}[${i}]`;
    gpuDevices(isMapping(dev) ? dev : mapping(dev, itemKey), s, itemKey);
  });
};
