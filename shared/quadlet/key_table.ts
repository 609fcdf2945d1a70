/**
 * Every compose key the converter knows, sorted into what becomes of it (podlet's design: conversion as an
 * explicit table). A key missing from these tables is reported as unknown; nothing is dropped silently.
 */
import { lookupTable } from "./lookup_table.ts";

export type KeyRule =
  /** Written as these quadlet keys in the unit's main section. */
  | { kind: "native"; quadlet: readonly string[] }
  /** Passed to `podman run` through `PodmanArgs=` with this flag. */
  | { kind: "podman-args"; flag: string }
  /** Turned into something outside the main section (another unit, [Unit]/[Service]/[Install], a name). */
  | { kind: "elsewhere"; where: string }
  /** Deliberately left out; the report says why. */
  | { kind: "ignored"; reason: string }
  /** Cannot be expressed with quadlet; reported as unsupported. */
  | { kind: "unsupported"; reason: string };

export type RuleKind = KeyRule["kind"];

const native = (...quadlet: string[]): KeyRule => ({ kind: "native", quadlet });
const args = (flag: string): KeyRule => ({ kind: "podman-args", flag });
const elsewhere = (where: string): KeyRule => ({ kind: "elsewhere", where });
const ignored = (reason: string): KeyRule => ({ kind: "ignored", reason });
const unsupported = (reason: string): KeyRule => ({ kind: "unsupported", reason });

const WINDOWS_ONLY = "Windows containers only";

export const SERVICE_KEYS: Readonly<Record<string, KeyRule>> = lookupTable({
  annotations: native("Annotation"),
  attach: ignored("log attachment is a `compose up` setting; systemd sends container output to the journal"),
  blkio_config: unsupported(
    "block IO weights and limits have no quadlet key; set them with PodmanArgs by hand",
  ),
  build: elsewhere("a .build unit the container runs (Podman 5.2+); unsupported for older targets"),
  cap_add: native("AddCapability"),
  cap_drop: native("DropCapability"),
  cgroup: args("--cgroupns"),
  cgroup_parent: args("--cgroup-parent"),
  command: native("Exec"),
  configs: native("Volume", "Secret"),
  container_name: native("ContainerName"),
  cpu_count: unsupported(WINDOWS_ONLY),
  cpu_percent: unsupported(WINDOWS_ONLY),
  cpu_period: args("--cpu-period"),
  cpu_quota: args("--cpu-quota"),
  cpu_rt_period: args("--cpu-rt-period"),
  cpu_rt_runtime: args("--cpu-rt-runtime"),
  cpu_shares: args("--cpu-shares"),
  cpus: args("--cpus"),
  cpuset: args("--cpuset-cpus"),
  credential_spec: unsupported(WINDOWS_ONLY),
  depends_on: elsewhere("[Unit] Requires=/Wants= and After= on the dependency's .service"),
  deploy: native("AddDevice", "PidsLimit", "PodmanArgs"),
  develop: unsupported("compose watch (development mode) has no quadlet equivalent"),
  device_cgroup_rules: args("--device-cgroup-rule"),
  devices: native("AddDevice"),
  dns: native("DNS"),
  dns_opt: native("DNSOption"),
  dns_search: native("DNSSearch"),
  domainname: unsupported("Podman has no option to set the NIS domain name"),
  entrypoint: native("Entrypoint"),
  env_file: native("EnvironmentFile", "Environment"),
  environment: native("Environment"),
  expose: native("ExposeHostPort"),
  extends: elsewhere("resolved before conversion (same file or `file:`), by the compose merge rules"),
  external_links: unsupported("links to containers outside the file; join a shared network instead"),
  extra_hosts: native("AddHost"),
  gpus: native("AddDevice"),
  group_add: native("GroupAdd"),
  healthcheck: native("HealthCmd", "HealthInterval", "HealthTimeout", "HealthRetries", "HealthStartPeriod"),
  hostname: native("HostName"),
  image: native("Image"),
  init: native("RunInit"),
  ipc: args("--ipc"),
  isolation: unsupported(WINDOWS_ONLY),
  label_file: args("--label-file"),
  labels: native("Label"),
  links: ignored("legacy links; services on a shared network already reach each other by name"),
  logging: native("LogDriver", "LogOpt"),
  mac_address: args("--mac-address"),
  mem_limit: args("--memory"),
  mem_reservation: args("--memory-reservation"),
  mem_swappiness: args("--memory-swappiness"),
  memswap_limit: args("--memory-swap"),
  models: unsupported("AI model bindings are a Docker-only feature"),
  network_mode: native("Network"),
  networks: native("Network", "NetworkAlias", "IP", "IP6"),
  oom_kill_disable: args("--oom-kill-disable"),
  oom_score_adj: args("--oom-score-adj"),
  pid: args("--pid"),
  pids_limit: native("PidsLimit"),
  platform: args("--platform"),
  ports: native("PublishPort"),
  post_start: unsupported("lifecycle hooks are not converted; add ExecStartPost= by hand"),
  pre_stop: unsupported("lifecycle hooks are not converted; add ExecStop= by hand"),
  privileged: args("--privileged"),
  profiles: elsewhere(
    "selects the services converted: those with an active profile (profiles option, else COMPOSE_PROFILES); " +
      "the others are listed in the report's `skipped`",
  ),
  provider: unsupported("service providers are a Docker-only feature"),
  pull_policy: native("Pull"),
  read_only: native("ReadOnly"),
  restart: elsewhere("[Service] Restart= and [Install] WantedBy=default.target"),
  runtime: args("--runtime"),
  scale: unsupported("a quadlet unit runs one container; copy the unit to run more"),
  secrets: native("Secret"),
  security_opt: native("NoNewPrivileges", "SeccompProfile", "SecurityLabelDisable", "SecurityLabelType"),
  shm_size: native("ShmSize"),
  stdin_open: args("--interactive"),
  stop_grace_period: native("StopTimeout"),
  stop_signal: native("StopSignal"),
  storage_opt: args("--storage-opt"),
  sysctls: native("Sysctl"),
  tmpfs: native("Tmpfs"),
  tty: args("--tty"),
  ulimits: native("Ulimit"),
  use_api_socket: unsupported(
    "mounting the engine socket is Docker-only; bind-mount the Podman socket instead",
  ),
  user: native("User"),
  userns_mode: native("UserNS"),
  uts: args("--uts"),
  volumes: native("Volume", "Tmpfs"),
  volumes_from: args("--volumes-from"),
  working_dir: native("WorkingDir"),
});

export const TOP_LEVEL_KEYS: Readonly<Record<string, KeyRule>> = lookupTable({
  configs: elsewhere(
    "used by the services' `configs`: a file is bind-mounted read-only, content/environment become Podman secrets",
  ),
  include: elsewhere(
    "resolved before conversion: the included files' services, networks, volumes … are added",
  ),
  models: unsupported("AI model bindings are a Docker-only feature"),
  name: elsewhere("the stack name: unit name prefix when --stack is not given"),
  networks: elsewhere(".network units"),
  secrets: elsewhere("Podman secrets referenced by Secret=; create them with `podman secret create`"),
  services: elsewhere(".container units"),
  version: ignored("obsolete; the compose specification ignores it"),
  volumes: elsewhere(".volume units"),
});

export const NETWORK_KEYS: Readonly<Record<string, KeyRule>> = lookupTable({
  attachable: ignored("Swarm only; every Podman network is attachable"),
  driver: native("Driver"),
  driver_opts: native("Options"),
  enable_ipv6: native("IPv6"),
  external: elsewhere("no unit; containers join the existing network by name"),
  internal: native("Internal"),
  ipam: native("IPAMDriver", "Subnet", "IPRange", "Gateway"),
  labels: native("Label"),
  name: native("NetworkName"),
});

export const VOLUME_KEYS: Readonly<Record<string, KeyRule>> = lookupTable({
  driver: native("Driver"),
  driver_opts: native("Type", "Device", "Options"),
  external: elsewhere("no unit; containers mount the existing volume by name"),
  labels: native("Label"),
  name: native("VolumeName"),
});

/** Compose extension fields (`x-…`) are free-form by specification. */
export function isExtensionKey(key: string): boolean {
  return key.startsWith("x-");
}

/** Counts of service keys per rule kind (for docs and the final report). */
export function countByKind(table: Readonly<Record<string, KeyRule>>): Record<RuleKind, number> {
  const counts: Record<RuleKind, number> = {
    native: 0,
    "podman-args": 0,
    elsewhere: 0,
    ignored: 0,
    unsupported: 0,
  };
  for (const rule of Object.values(table)) counts[rule.kind]++;
  return counts;
}
