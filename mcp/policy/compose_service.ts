/**
 * One compose service's privileges: privileged, namespaces, capabilities, security options, devices.
 * Mounts and host files are in compose_mounts.ts and compose_files.ts.
 */
import { flagCapabilities } from "./capabilities.ts";
import { type ComposeReader, items, text } from "./compose_reader.ts";
import { flagDevice, flagDeviceRule } from "./devices.ts";
import { detailOf } from "./flag_sink.ts";
import { flagNamespace, type Namespace } from "./namespaces.ts";
import { flagPrivileged } from "./rule_flags.ts";
import { flagSecurityOpt } from "./security_opts.ts";
import type { PolicyContext } from "./types.ts";
import { isMapping, type Mapping } from "../../shared/quadlet/values.ts";

const NAMESPACE_KEYS: readonly [string, Namespace][] = [
  ["pid", "pid"],
  ["ipc", "ipc"],
  ["uts", "uts"],
  ["userns_mode", "userns"],
  ["cgroup", "cgroupns"],
  ["network_mode", "network"],
];

export function checkPrivileges(
  r: ComposeReader,
  svc: Mapping,
  ctx: PolicyContext,
  hostNetwork: boolean,
): void {
  if (svc["privileged"] !== undefined) {
    const value = r.read(svc["privileged"], "privileged", "sets in privileged");
    // podman-compose passes --privileged for any truthy value, the string "false" included.
    if (value !== undefined && value !== false && value !== null && value !== "") {
      flagPrivileged(r.sink, detailOf("privileged", svc["privileged"]));
    }
  }
  for (const [key, ns] of NAMESPACE_KEYS) {
    if (svc[key] === undefined) continue;
    const mode = text(r.read(svc[key], key, `sets in ${key}`));
    if (mode !== undefined) flagNamespace(r.sink, ns, mode, detailOf(key, svc[key]));
  }
  if (hostNetwork && svc["network_mode"] === undefined && svc["networks"] !== undefined) {
    r.sink.add(
      "host-network",
      "notice",
      "uses the host's network directly.",
      detailOf("networks", svc["networks"]),
    );
  }
  items(svc["cap_add"]).forEach((raw, i) => {
    const key = `cap_add[${i}]`;
    const cap = text(r.read(raw, key, "adds as a capability"));
    if (cap !== undefined) flagCapabilities(r.sink, [cap], hostNetwork, detailOf(key, raw));
  });
  items(svc["security_opt"]).forEach((raw, i) => {
    const key = `security_opt[${i}]`;
    const opt = text(r.read(raw, key, "sets as a security option"));
    if (opt !== undefined) flagSecurityOpt(r.sink, opt, detailOf(key, raw));
  });
  items(svc["devices"]).forEach((raw, i) => {
    const key = `devices[${i}]`;
    const value = r.read(raw, key, "gets as a device");
    const spec = isMapping(value) ? text(value["source"]) : text(value);
    if (spec !== undefined) flagDevice(r.sink, spec, ctx, detailOf(key, raw));
  });
  items(svc["device_cgroup_rules"]).forEach((raw, i) => {
    const key = `device_cgroup_rules[${i}]`;
    const rule = text(r.read(raw, key, "allows as a device rule"));
    if (rule !== undefined) flagDeviceRule(r.sink, rule, detailOf(key, raw));
  });
}
