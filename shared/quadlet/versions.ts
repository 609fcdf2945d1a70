/**
 * Which Podman release first understands each quadlet unit type and key: data, not scattered ifs.
 *
 * Sources: podman-systemd.unit(5) and the Podman release notes, cross-checked against podlet's per-version
 * downgrade tables (containers/podlet `src/quadlet/*.rs`). Quadlet arrived in 4.4. Entries marked
 * `verified: false` could not be confirmed from those sources; they carry a conservative (late) version, which
 * only means an older target gets the equivalent `PodmanArgs=` flag instead of the native key.
 */

export type UnitKind = "container" | "network" | "volume" | "build";

export interface KeyVersion {
  since: string;
  /** The `podman run`/`create` flag giving the same effect, for downgrading to `PodmanArgs=`. */
  flag?: string;
  verified?: false;
}

export const UNIT_TYPE_SINCE: Record<UnitKind | "image" | "pod", string> = {
  container: "4.4",
  network: "4.4",
  volume: "4.4",
  image: "4.8",
  pod: "5.0",
  build: "5.2",
};

const BASE = "4.4";

export const QUADLET_KEY_SINCE: Record<UnitKind, Record<string, KeyVersion>> = {
  container: {
    AddCapability: { since: BASE, flag: "--cap-add" },
    AddDevice: { since: BASE, flag: "--device" },
    Annotation: { since: BASE, flag: "--annotation" },
    ContainerName: { since: BASE, flag: "--name" },
    DropCapability: { since: BASE, flag: "--cap-drop" },
    Environment: { since: BASE, flag: "--env" },
    EnvironmentFile: { since: BASE, flag: "--env-file" },
    Exec: { since: BASE },
    ExposeHostPort: { since: BASE, flag: "--expose" },
    HealthCmd: { since: BASE, flag: "--health-cmd" },
    Image: { since: BASE },
    Label: { since: BASE, flag: "--label" },
    Network: { since: BASE, flag: "--network" },
    NoNewPrivileges: { since: BASE },
    Notify: { since: BASE },
    PodmanArgs: { since: BASE },
    PublishPort: { since: BASE, flag: "--publish" },
    ReadOnly: { since: BASE, flag: "--read-only" },
    RunInit: { since: BASE, flag: "--init" },
    SeccompProfile: { since: BASE },
    SecurityLabelDisable: { since: BASE },
    SecurityLabelFileType: { since: BASE },
    SecurityLabelLevel: { since: BASE },
    SecurityLabelType: { since: BASE },
    User: { since: BASE, flag: "--user" },
    Volume: { since: BASE, flag: "--volume" },
    HealthInterval: { since: "4.5", flag: "--health-interval" },
    HealthRetries: { since: "4.5", flag: "--health-retries" },
    HealthStartPeriod: { since: "4.5", flag: "--health-start-period" },
    HealthTimeout: { since: "4.5", flag: "--health-timeout" },
    IP: { since: "4.5", flag: "--ip" },
    IP6: { since: "4.5", flag: "--ip6" },
    LogDriver: { since: "4.5", flag: "--log-driver" },
    Secret: { since: "4.5", flag: "--secret" },
    Tmpfs: { since: "4.5", flag: "--tmpfs" },
    UserNS: { since: "4.5", flag: "--userns" },
    HostName: { since: "4.6", flag: "--hostname" },
    Pull: { since: "4.6", flag: "--pull" },
    Sysctl: { since: "4.6", flag: "--sysctl" },
    WorkingDir: { since: "4.6", flag: "--workdir" },
    DNS: { since: "4.7", flag: "--dns" },
    DNSOption: { since: "4.7", flag: "--dns-option" },
    DNSSearch: { since: "4.7", flag: "--dns-search" },
    PidsLimit: { since: "4.7", flag: "--pids-limit" },
    ShmSize: { since: "4.7", flag: "--shm-size" },
    Ulimit: { since: "4.7", flag: "--ulimit" },
    Entrypoint: { since: "5.0", flag: "--entrypoint" },
    StopTimeout: { since: "5.0", flag: "--stop-timeout" },
    AddHost: { since: "5.1", flag: "--add-host", verified: false },
    GroupAdd: { since: "5.1", flag: "--group-add", verified: false },
    LogOpt: { since: "5.1", flag: "--log-opt", verified: false },
    StopSignal: { since: "5.1", flag: "--stop-signal", verified: false },
    NetworkAlias: { since: "5.2", flag: "--network-alias", verified: false },
  },
  network: {
    Driver: { since: BASE, flag: "--driver" },
    Gateway: { since: BASE, flag: "--gateway" },
    Internal: { since: BASE, flag: "--internal" },
    IPAMDriver: { since: BASE, flag: "--ipam-driver" },
    IPRange: { since: BASE, flag: "--ip-range" },
    IPv6: { since: BASE, flag: "--ipv6" },
    Label: { since: BASE, flag: "--label" },
    Options: { since: BASE, flag: "--opt" },
    Subnet: { since: BASE, flag: "--subnet" },
    PodmanArgs: { since: "4.6" },
    NetworkName: { since: "4.7", verified: false },
  },
  build: {
    File: { since: "5.2" },
    ImageTag: { since: "5.2" },
    Label: { since: "5.2" },
    Network: { since: "5.2" },
    PodmanArgs: { since: "5.2" },
    Pull: { since: "5.2" },
    SetWorkingDirectory: { since: "5.2" },
    Target: { since: "5.2" },
  },
  volume: {
    Device: { since: BASE, flag: "--opt device=" },
    Label: { since: BASE, flag: "--label" },
    Options: { since: BASE, flag: "--opt o=" },
    Type: { since: BASE, flag: "--opt type=" },
    PodmanArgs: { since: "4.6" },
    VolumeName: { since: "4.7", verified: false },
    Driver: { since: "4.8", flag: "--driver" },
  },
};

/** Value-level features: a key's value form that needs a newer release than the key. */
export const QUADLET_VALUE_SINCE = {
  /** `Notify=healthy` (before that: `PodmanArgs=--sdnotify=healthy`, which Podman has since 4.7). */
  notifyHealthy: { since: "5.0" },
  sdnotifyHealthyFlag: { since: "4.7" },
  /** `--add-host NAME:host-gateway` (containers/podman#19152). */
  hostGateway: { since: "4.7" },
  /** Docker's bridge options `com.docker.network.bridge.name` / `.driver.mtu` (containers/podman#17457). */
  dockerBridgeOptions: { since: "4.5" },
  /** `Network=other.container` joining another quadlet container's network namespace. */
  networkContainerUnit: { since: "5.1", verified: false },
} as const;

/** Parses "4.9", "5.4.2", "v5.0" into numbers; undefined when not a version. */
export function parseVersion(text: string): number[] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** True when `target` is at least `since` (both dotted versions). */
export function atLeast(target: string, since: string): boolean {
  const a = parseVersion(target) ?? [0, 0, 0];
  const b = parseVersion(since) ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}
