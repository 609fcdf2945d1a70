/** One compose service → one `.container` unit, key by key through the table in key_table.ts. */
import { containerName, type ConvertContext, FieldWriter, networkRef, unitBase } from "./context.ts";
import { InvalidValue } from "./failure.ts";
import { isExtensionKey, SERVICE_KEYS } from "./key_table.ts";
import { passthrough } from "./service_misc.ts";
import * as misc from "./service_misc.ts";
import * as configs from "./service_configs.ts";
import * as deploy from "./service_deploy.ts";
import * as env from "./service_env.ts";
import * as exec from "./service_exec.ts";
import * as life from "./service_lifecycle.ts";
import * as net from "./service_network.ts";
import * as ports from "./service_ports.ts";
import type { Handler, ServiceScope } from "./service_scope.ts";
import * as sec from "./service_security.ts";
import * as vol from "./service_volumes.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { newDraft, type UnitDraft } from "./unit_file.ts";
import { type Mapping, scalar } from "./values.ts";
import { buildKey, buildUnits, convertBuild } from "./build.ts";
import { UNIT_TYPE_SINCE } from "./versions.ts";
import { lookupTable } from "./lookup_table.ts";
import { qualifyImage } from "./image_name.ts";

/** Handlers for every `native` and `elsewhere` service key; `podman-args` keys use the generic passthrough. */
export const SERVICE_HANDLERS: Readonly<Record<string, Handler>> = lookupTable({
  annotations: env.annotations,
  build: buildKey,
  cap_add: sec.capAdd,
  cap_drop: sec.capDrop,
  command: exec.command,
  configs: configs.configs,
  container_name: misc.containerNameKey,
  depends_on: life.dependsOn,
  deploy: deploy.deploy,
  devices: sec.devices,
  dns: net.dns,
  dns_opt: net.dnsOpt,
  dns_search: net.dnsSearch,
  entrypoint: exec.entrypoint,
  env_file: env.envFile,
  environment: env.environment,
  expose: ports.expose,
  extends: () => {},
  extra_hosts: net.extraHosts,
  gpus: deploy.gpus,
  group_add: sec.groupAdd,
  healthcheck: exec.healthcheck,
  hostname: misc.hostname,
  image: () => {},
  init: life.init,
  label_file: misc.labelFile,
  labels: env.labels,
  logging: misc.logging,
  mac_address: net.macAddress,
  network_mode: net.networkMode,
  networks: net.networks,
  pids_limit: misc.pidsLimit,
  profiles: () => {},
  ports: ports.ports,
  pull_policy: misc.pullPolicy,
  read_only: sec.readOnly,
  restart: life.restart,
  secrets: misc.secrets,
  security_opt: sec.securityOpt,
  shm_size: misc.shmSize,
  stop_grace_period: life.stopGracePeriod,
  stop_signal: life.stopSignal,
  sysctls: misc.sysctls,
  tmpfs: vol.tmpfs,
  ulimits: misc.ulimits,
  user: sec.user,
  userns_mode: sec.usernsMode,
  volumes: vol.volumes,
  volumes_from: misc.volumesFrom,
  working_dir: misc.workingDir,
});

export function handlerFor(key: string): Handler | undefined {
  const rule = SERVICE_KEYS[key];
  if (rule?.kind === "podman-args") return SERVICE_HANDLERS[key] ?? passthrough(rule.flag);
  return SERVICE_HANDLERS[key];
}

/**
 * Converts one service into its `.container` unit (plus a `.build` unit when it builds its image); empty when it
 * cannot become a unit (reported). Throws InvalidValue on bad input.
 */
export function convertService(name: string, svc: Mapping, ctx: ConvertContext): UnitDraft[] {
  const scope = newScope(name, svc, ctx);
  const builds = svc["build"] !== undefined && svc["build"] !== null && buildUnits(ctx);
  const hasImage = svc["image"] !== undefined && svc["image"] !== null;
  if (!hasImage && !builds) {
    if (svc["build"] !== undefined) {
      scope.unsupported(
        "build",
        `building images needs .build units (Podman ${UNIT_TYPE_SINCE.build}) and the service has no \`image\`; ` +
          "service skipped",
      );
      return [];
    }
    throw new InvalidValue("image", "Cannot convert service: it has neither `image` nor `build`");
  }
  const build = builds ? convertBuild(name, svc, ctx) : undefined;
  scope.w.put("Image", escapeSystemd(build ? build.fileName : image(scalar(svc["image"], "image"), scope)));
  scope.w.put("ContainerName", escapeSystemd(containerName(ctx, name)));
  for (const [key, value] of Object.entries(svc)) {
    const rule = SERVICE_KEYS[key];
    if (rule === undefined) {
      if (isExtensionKey(key)) scope.w.warnOnce(`service "${name}": extension field "${key}" ignored`);
      else scope.unsupported(key, "unknown compose service key");
    } else if (rule.kind === "unsupported") {
      scope.unsupported(key, rule.reason);
    } else if (rule.kind === "ignored") {
      scope.w.warnOnce(`service "${name}": key "${key}" ignored: ${rule.reason}`);
    } else {
      const handler = handlerFor(key);
      if (handler === undefined) {
        throw new InvalidValue(key, `Cannot convert key: no handler (converter bug)`);
      }
      handler(value, scope, key);
    }
  }
  if (svc["networks"] === undefined && svc["network_mode"] === undefined && ctx.defaultNetworkUnit) {
    scope.w.put("Network", escapeSystemd(networkRef(ctx, "default", "networks")));
    const aliases = new Set<string>();
    net.addServiceAlias(scope, aliases);
    for (const a of aliases) scope.w.put("NetworkAlias", escapeSystemd(a));
  }
  env.flushEnvironment(scope);
  scope.w.finish();
  return build ? [scope.draft, build] : [scope.draft];
}
/** The image reference written to Image=: short names qualified as Docker resolves them, once reported. */
function image(ref: string, s: ServiceScope): string {
  const full = qualifyImage(ref);
  if (full !== ref) {
    s.w.warnOnce(`image "${ref}" written as "${full}" (Docker Hub, as Docker resolves short names)`);
  }
  return full;
}

function newScope(name: string, svc: Mapping, ctx: ConvertContext): ServiceScope {
  const draft = newDraft(`${unitBase(ctx, name)}.container`, "container");
  return {
    ctx,
    name,
    svc,
    draft,
    w: new FieldWriter(ctx, draft, `service "${name}"`),
    env: new Map(),
    unsupported: (key, reason) => ctx.unsupported.push({ service: name, key, reason }),
  };
}
