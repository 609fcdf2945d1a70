/**
 * The policy rules for podman command-line flags (quadlet PodmanArgs=/GlobalArgs=, x-podman pod_args).
 * Capabilities and the network are returned, not flagged: NET_ADMIN is judged with every way the unit sets
 * its network.
 */
import { flagDevice, flagDeviceRule } from "./devices.ts";
import type { FlagSink } from "./flag_sink.ts";
import { mountSpecSource, volumeSpecSource } from "./mount_specs.ts";
import { flagNamespace, isHostNetwork, type Namespace } from "./namespaces.ts";
import { flagHostPath } from "./path_flags.ts";
import { PODMAN_CONFIG_FLAGS, type PodmanFlag } from "./podman_args.ts";
import { flagMountSource } from "./mount_flags.ts";
import { flagSecurityOpt } from "./security_opts.ts";
import type { PolicyContext } from "./types.ts";

export interface PodmanFlagFacts {
  /** Capabilities added with --cap-add, each with the words it was written as. */
  capabilities: { caps: string[]; detail: string }[];
  hostNetwork: boolean;
}

const NAMESPACE_FLAGS: Readonly<Record<string, Namespace>> = {
  "--pid": "pid",
  "--ipc": "ipc",
  "--uts": "uts",
  "--userns": "userns",
  "--cgroupns": "cgroupns",
  "--network": "network",
};

/** @param where names the key in details, e.g. `[Container] PodmanArgs` */
export function flagPodmanArgs(
  sink: FlagSink,
  flags: readonly PodmanFlag[],
  ctx: PolicyContext,
  where: string,
): PodmanFlagFacts {
  const facts: PodmanFlagFacts = { capabilities: [], hostNetwork: false };
  for (const f of flags) {
    const detail = `${where}=${f.written}`;
    const value = f.value ?? "";
    const ns = Object.hasOwn(NAMESPACE_FLAGS, f.name) ? NAMESPACE_FLAGS[f.name] : undefined;
    if (ns !== undefined) {
      flagNamespace(sink, ns, value, detail);
      if (ns === "network" && isHostNetwork(value)) facts.hostNetwork = true;
    } else if (f.name === "--privileged") {
      if (value !== "false") sink.add("privileged", "confirm", PRIVILEGED, detail);
    } else if (f.name === "--cap-add") facts.capabilities.push({ caps: [value], detail });
    else if (f.name === "--security-opt") flagSecurityOpt(sink, value, detail);
    else if (f.name === "--device") flagDevice(sink, value, ctx, detail);
    else if (f.name === "--device-cgroup-rule") flagDeviceRule(sink, value, detail);
    else if (f.name === "--volume") flagMountSource(sink, volumeSpecSource(value), ctx, detail);
    else if (f.name === "--mount") flagMountSource(sink, mountSpecSource(value), ctx, detail);
    else if (f.name === "--volumes-from") flagVolumesFromContainer(sink, value, detail);
    else if (f.name === "--env-file") {
      flagHostPath(sink, value, ctx, "reads environment variables from", detail);
    } else if (f.name === "--env-host") flagHostEnvironment(sink, detail);
    else if (f.name === "--init-path") flagHostPath(sink, value, ctx, "runs as its init program", detail);
    else if (f.name === "--rootfs") {
      sink.add("host-path", "confirm", "uses a host folder as its root file system.", detail);
    } else if (f.name === "--log-opt") flagLogOption(sink, value, detail);
    else if (f.name === "--build-context") flagBuildContext(sink, value, ctx, detail);
    else if (f.name === "--secret") flagBuildSecret(sink, value, ctx, detail);
    else if (f.name === "--hooks-dir") {
      sink.add("host-command", "confirm", `runs OCI hooks from the host folder ${value}.`, detail);
    } else if (f.name === "--runtime" || f.name === "--conmon") flagRuntimeProgram(sink, value, detail);
    else if (PODMAN_CONFIG_FLAGS.has(f.name)) {
      sink.add("podman-config", "confirm", `changes how Podman itself runs (${f.written}).`, detail);
    }
  }
  return facts;
}

export const PRIVILEGED = "runs privileged, with every capability and the host's devices.";

export function flagHostEnvironment(sink: FlagSink, detail: string): void {
  sink.add("host-environment", "confirm", "gets the host's environment variables.", detail);
}

export function flagVolumesFromContainer(sink: FlagSink, spec: string, detail: string): void {
  const container = spec.split(":")[0] ?? spec;
  sink.add(
    "volumes-from",
    "confirm",
    `mounts every volume of container "${container}", which this check cannot see.`,
    detail,
  );
}

/** `path=/file` among log options: logs written to a host file of the writer's choosing. */
export function flagLogOption(sink: FlagSink, option: string, detail: string): void {
  const path = /^path=(.*)$/.exec(option.trim())?.[1];
  if (path !== undefined) sink.add("log-path", "confirm", `writes its log to the host file ${path}.`, detail);
}

/** A runtime or conmon given as a path is a host program of the writer's choosing; a name is configured. */
export function flagRuntimeProgram(sink: FlagSink, program: string, detail: string): void {
  if (program.includes("/")) {
    sink.add("host-command", "confirm", `runs the host program ${program} to start the container.`, detail);
  }
}

/** `--build-context name=/path` (URLs and images are not host paths). */
function flagBuildContext(sink: FlagSink, value: string, ctx: PolicyContext, detail: string): void {
  const eq = value.indexOf("=");
  const source = eq < 0 ? value : value.slice(eq + 1);
  if (isRemoteContext(source)) return;
  flagHostPath(sink, source, ctx, "builds an image from", detail);
}

/** A build secret read from a host file: `id=x,src=/path`. */
export function flagBuildSecret(sink: FlagSink, value: string, ctx: PolicyContext, detail: string): void {
  const src = /(?:^|,)(?:src|source)=([^,]*)/.exec(value)?.[1];
  if (src !== undefined) flagHostPath(sink, src, ctx, "reads the build secret", detail);
}

/** Git URLs, image references and other non-folder build contexts. */
export function isRemoteContext(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^(git@|github\.com\/|docker-image:|service:|target:)/
    .test(source);
}
