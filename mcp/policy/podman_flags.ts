/**
 * The policy rules for podman command-line flags (quadlet PodmanArgs=/GlobalArgs=, x-podman pod_args), as a
 * table: flag → check. Capabilities and the network are returned, not flagged: NET_ADMIN is judged with
 * every way the unit sets its network.
 */
import { lookupTable } from "../../shared/quadlet/lookup_table.ts";
import { flagDevice, flagDeviceRule } from "./devices.ts";
import type { FlagSink } from "./flag_sink.ts";
import { flagMountSource } from "./mount_flags.ts";
import { mountSpecSource, volumeSpecSource } from "./mount_specs.ts";
import { flagNamespace, isHostNetwork, type Namespace } from "./namespaces.ts";
import { flagHostPath } from "./path_flags.ts";
import { PODMAN_CONFIG_FLAGS, type PodmanFlag } from "./podman_args.ts";
import {
  flagBuildContext,
  flagBuildSecret,
  flagHostEnvironment,
  flagLogOption,
  flagPrivileged,
  flagRuntimeProgram,
  flagVolumesFromContainer,
} from "./rule_flags.ts";
import { flagSecurityOpt } from "./security_opts.ts";
import type { PolicyContext } from "./types.ts";

export interface PodmanFlagFacts {
  /** Capabilities added with --cap-add, each with the words it was written as. */
  capabilities: { caps: string[]; detail: string }[];
  hostNetwork: boolean;
}

interface FlagScope {
  sink: FlagSink;
  ctx: PolicyContext;
  facts: PodmanFlagFacts;
}

type FlagCheck = (s: FlagScope, value: string, flag: PodmanFlag, detail: string) => void;

const namespace = (ns: Namespace): FlagCheck => (s, value, _f, detail) => {
  flagNamespace(s.sink, ns, value, detail);
  if (ns === "network" && isHostNetwork(value)) s.facts.hostNetwork = true;
};

const hostPath = (verb: string): FlagCheck => (s, value, _f, detail) =>
  flagHostPath(s.sink, value, s.ctx, verb, detail);

const FLAG_CHECKS: Readonly<Record<string, FlagCheck>> = lookupTable<FlagCheck>({
  "--pid": namespace("pid"),
  "--ipc": namespace("ipc"),
  "--uts": namespace("uts"),
  "--userns": namespace("userns"),
  "--cgroupns": namespace("cgroupns"),
  "--network": namespace("network"),
  "--privileged": (s, _v, f, detail) => {
    if (f.value !== "false") flagPrivileged(s.sink, detail);
  },
  "--cap-add": (s, value, _f, detail) => s.facts.capabilities.push({ caps: [value], detail }),
  "--security-opt": (s, value, _f, detail) => flagSecurityOpt(s.sink, value, detail),
  "--device": (s, value, _f, detail) => flagDevice(s.sink, value, s.ctx, detail),
  "--device-cgroup-rule": (s, value, _f, detail) => flagDeviceRule(s.sink, value, detail),
  "--volume": (s, value, _f, detail) => flagMountSource(s.sink, volumeSpecSource(value), s.ctx, detail),
  "--mount": (s, value, _f, detail) => flagMountSource(s.sink, mountSpecSource(value), s.ctx, detail),
  "--volumes-from": (s, value, _f, detail) => flagVolumesFromContainer(s.sink, value, detail),
  "--env-file": hostPath("reads environment variables from"),
  "--env-host": (s, _v, _f, detail) => flagHostEnvironment(s.sink, detail),
  "--init-path": hostPath("runs as its init program"),
  "--rootfs": (s, _v, _f, detail) =>
    s.sink.add("host-path", "confirm", "uses a host folder as its root file system.", detail),
  "--log-opt": (s, value, _f, detail) => flagLogOption(s.sink, value, detail),
  "--build-context": (s, value, _f, detail) => flagBuildContext(s.sink, value, s.ctx, detail),
  "--secret": (s, value, _f, detail) => flagBuildSecret(s.sink, value, s.ctx, detail),
  "--hooks-dir": (s, value, _f, detail) =>
    s.sink.add("host-command", "confirm", `runs OCI hooks from the host folder ${value}.`, detail),
  "--runtime": (s, value, _f, detail) => flagRuntimeProgram(s.sink, value, detail),
  "--conmon": (s, value, _f, detail) => flagRuntimeProgram(s.sink, value, detail),
  ...Object.fromEntries(
    [...PODMAN_CONFIG_FLAGS].map((name): [string, FlagCheck] => [
      name,
      (s, _v, f, detail) =>
        s.sink.add("podman-config", "confirm", `changes how Podman itself runs (${f.written}).`, detail),
    ]),
  ),
});

/** @param where names the key in details, e.g. `[Container] PodmanArgs` */
export function flagPodmanArgs(
  sink: FlagSink,
  flags: readonly PodmanFlag[],
  ctx: PolicyContext,
  where: string,
): PodmanFlagFacts {
  const scope: FlagScope = { sink, ctx, facts: { capabilities: [], hostNetwork: false } };
  for (const f of flags) FLAG_CHECKS[f.name]?.(scope, f.value ?? "", f, `${where}=${f.written}`);
  return scope.facts;
}
