/** What the content policy takes and gives back: plain data, no I/O. */

/** The host facts the checks compare paths against. */
export interface PolicyContext {
  /**
   * Absolute folder that relative paths resolve against: the stack folder for compose, the folder the unit is
   * installed in for quadlets.
   */
  stackDir: string;
  /** arr-mcp's data dir (API key, audit log, credential store, secrets). */
  dataDir: string;
  /** The Podman/Docker API sockets arr-mcp knows of (the configured one and the detected candidates). */
  runtimeSockets: readonly string[];
  /** The folder holding arr-helper's socket. */
  helperSocketDir: string;
  /** The service account's home: `~` and quadlet's `%h` resolve to it. Without it such paths are flagged. */
  homeDir?: string;
  /** Variables for compose interpolation; they win over `.env` (compose's precedence). */
  env?: Readonly<Record<string, string>>;
  /** Text of the stack's `.env` file, when there is one. */
  dotenv?: string;
}

/** `confirm`: a person must approve the change. `notice`: named in the preview, no approval needed. */
export type Severity = "confirm" | "notice";

export type PolicyRule =
  /** privileged: true, --privileged. */
  | "privileged"
  /** The host's pid, ipc, uts, user or cgroup namespace, or a namespace joined by path (ns:/proc/…). */
  | "host-namespace"
  /** The host's network (notice). */
  | "host-network"
  /** A namespace of another service or an outside container (notice). */
  | "shared-namespace"
  /** Host-loopback access through slirp4netns/pasta options (notice). */
  | "host-loopback"
  /** NET_ADMIN on the host's network. */
  | "host-network-admin"
  /** A capability outside Podman's default set plus NET_ADMIN. */
  | "capability"
  /** cap_add: ALL. */
  | "all-capabilities"
  /** A security option that turns confinement off (seccomp, AppArmor, SELinux, masked paths). */
  | "security-opt"
  /** A host device other than /dev/dri, /dev/dvb and /dev/net/tun, or a device cgroup rule. */
  | "device"
  /** A host path that exposes the host, arr-mcp's data, a runtime socket or arr-helper's socket. */
  | "host-path"
  /** Logs written to a chosen host file. */
  | "log-path"
  /** A value the check cannot read: an unresolved variable, an unknown `~user`, a systemd specifier. */
  | "unresolved"
  /** volumes_from / --volumes-from. */
  | "volumes-from"
  /** The host's environment passed into the container. */
  | "host-environment"
  /** A host program run outside the container ([Service] Exec*, a runtime or hook path). */
  | "host-command"
  /** Settings that change how Podman itself runs (GlobalArgs, containers.conf modules, [Service] environment). */
  | "podman-config"
  /** Content in another file this check does not read (extends/include files, a kube YAML). */
  | "unchecked-file";

export interface PolicyFlag {
  /** The compose service; absent for a stack-level finding (top-level volumes, secrets, x-podman). */
  service?: string;
  /** The quadlet unit (file name when given, else its type). */
  unit?: string;
  rule: PolicyRule;
  severity: Severity;
  /** One plain-English sentence for a confirmation dialog, naming the path or capability. */
  words: string;
  /** Where it was found and what was written, e.g. `volumes[1]: "/var/run/docker.sock:/var/run/docker.sock"`. */
  detail: string;
}

/** Why a document could not be checked at all (treat it like flagged content). */
export interface PolicyError {
  message: string;
}
