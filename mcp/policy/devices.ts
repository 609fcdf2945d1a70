/**
 * Host devices (compose `devices`, quadlet AddDevice=, podman --device): the media devices are fine, any other
 * device needs approval. CDI names (`nvidia.com/gpu=all`) come from specs the administrator installed.
 */
import type { FlagSink } from "./flag_sink.ts";
import { resolveHostPath } from "./host_path.ts";
import { flagUnresolved } from "./path_flags.ts";
import { isMediaDevice } from "./protected_paths.ts";
import type { PolicyContext } from "./types.ts";

/** @param spec `HOST[:CONTAINER[:PERMISSIONS]]`; quadlet's optional-device `-` prefix is allowed */
export function flagDevice(sink: FlagSink, spec: string, ctx: PolicyContext, detail: string): void {
  const text = spec.trim().replace(/^-/, "");
  const host = text.split(":")[0] ?? "";
  if (!host.startsWith("/") && !host.startsWith(".") && !host.startsWith("~") && host.includes("=")) return;
  const path = resolveHostPath(host, ctx);
  if (!path.ok) {
    flagUnresolved(sink, "gets as a device", spec, path.error, detail);
    return;
  }
  if (!isMediaDevice(path.value)) {
    sink.add("device", "confirm", `gets the host device ${path.value}.`, detail);
  }
}

/** `--device-cgroup-rule` / `device_cgroup_rules`: access to host devices by number. */
export function flagDeviceRule(sink: FlagSink, rule: string, detail: string): void {
  sink.add("device", "confirm", `may use host devices matching the cgroup rule "${rule.trim()}".`, detail);
}
