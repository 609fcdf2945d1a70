/**
 * The quadlet keys the policy reads, as a table: key → check. The same key means the same in every unit type
 * (quadlet itself rejects a key in a section that does not have it). Keys not listed are not checked.
 */
import { lookupTable } from "../../shared/quadlet/lookup_table.ts";
import type { FlagSink } from "./flag_sink.ts";
import { flagDevice } from "./devices.ts";
import { flagMountSource } from "./mount_flags.ts";
import { mountSpecSource, volumeSpecSource } from "./mount_specs.ts";
import { flagNamespace, isHostNetwork } from "./namespaces.ts";
import { flagHostPath } from "./path_flags.ts";
import { parsePodmanArgs } from "./podman_args.ts";
import { flagPodmanArgs } from "./podman_flags.ts";
import { flagBuildSecret, flagHostEnvironment, flagLogOption, isRemoteContext } from "./rule_flags.ts";
import { flagSecurityOpt } from "./security_opts.ts";
import type { PolicyContext } from "./types.ts";

export interface UnitScope {
  sink: FlagSink;
  /** The policy context with `specifiers: true` (quadlet paths may hold systemd specifiers). */
  ctx: PolicyContext & { specifiers: true };
  /** Capabilities added so far, judged once the whole unit is read (NET_ADMIN depends on the network). */
  capabilities: { caps: string[]; detail: string }[];
  hostNetwork: boolean;
}

/** A check for one key: `value` is unescaped text, `words` its word list for word-list keys. */
type KeyCheck = (s: UnitScope, value: string, words: readonly string[], detail: string) => void;

const TRUE = /^(1|yes|true|on)$/i;

const path = (verb: string): KeyCheck => (s, value, _w, detail) =>
  flagHostPath(s.sink, value, s.ctx, verb, detail);

const podmanArgs: KeyCheck = (s, _v, words, detail) => {
  const where = detail.slice(0, detail.indexOf("="));
  const facts = flagPodmanArgs(s.sink, parsePodmanArgs(words), s.ctx, where);
  s.capabilities.push(...facts.capabilities);
  if (facts.hostNetwork) s.hostNetwork = true;
};

export const QUADLET_KEY_CHECKS: Readonly<Record<string, KeyCheck>> = lookupTable<KeyCheck>({
  AddCapability: (s, _v, words, detail) => s.capabilities.push({ caps: [...words], detail }),
  AddDevice: (s, value, _w, detail) => flagDevice(s.sink, value, s.ctx, detail),
  Volume: (s, value, _w, detail) => flagMountSource(s.sink, volumeSpecSource(value), s.ctx, detail),
  Mount: (s, value, _w, detail) => flagMountSource(s.sink, mountSpecSource(value), s.ctx, detail),
  Rootfs: (s, value, _w, detail) =>
    flagHostPath(s.sink, value.replace(/:[^/]*$/, ""), s.ctx, "runs from the root file system", detail),
  EnvironmentFile: path("reads environment variables from"),
  EnvironmentHost: (s, value, _w, detail) => {
    if (TRUE.test(value)) flagHostEnvironment(s.sink, detail);
  },
  SecurityLabelDisable: (s, value, _w, detail) => {
    if (TRUE.test(value)) flagSecurityOpt(s.sink, "label=disable", detail);
  },
  SecurityLabelType: (s, value, _w, detail) => flagSecurityOpt(s.sink, `label=type:${value}`, detail),
  SeccompProfile: (s, value, _w, detail) => flagSecurityOpt(s.sink, `seccomp=${value}`, detail),
  Unmask: (s, _v, words, detail) => {
    for (const w of words) flagSecurityOpt(s.sink, `unmask=${w}`, detail);
  },
  Network: (s, value, _w, detail) => {
    flagNamespace(s.sink, "network", value, detail);
    if (isHostNetwork(value)) s.hostNetwork = true;
  },
  UserNS: (s, value, _w, detail) => flagNamespace(s.sink, "userns", value, detail),
  LogOpt: (s, value, _w, detail) => flagLogOption(s.sink, value, detail),
  PodmanArgs: podmanArgs,
  GlobalArgs: podmanArgs,
  ContainersConfModule: (s, value, _w, detail) =>
    s.sink.add(
      "podman-config",
      "confirm",
      `loads the containers.conf module ${value}, which can change any Podman default.`,
      detail,
    ),
  Yaml: (s, value, _w, detail) =>
    s.sink.add(
      "unchecked-file",
      "confirm",
      `runs the Kubernetes YAML ${value}, which this check does not read.`,
      detail,
    ),
  ConfigMap: path("reads a ConfigMap from"),
  SetWorkingDirectory: (s, value, _w, detail) => {
    if (value !== "file" && value !== "unit" && !isRemoteContext(value)) {
      flagHostPath(s.sink, value, s.ctx, "builds an image from", detail);
    }
  },
  File: (s, value, _w, detail) => {
    if (!isRemoteContext(value)) flagHostPath(s.sink, value, s.ctx, "builds from the Dockerfile", detail);
  },
  Secret: (s, value, _w, detail) => flagBuildSecret(s.sink, value, s.ctx, detail),
  AuthFile: path("reads registry credentials from"),
  CertDir: path("reads registry certificates from"),
  DecryptionKey: path("reads an image decryption key from"),
});
