/**
 * The small rules that compose, quadlet keys and podman flags share, one sentence each: privileged, the
 * host's environment, volumes of another container, a chosen log file, a host program as runtime, build
 * inputs read from host paths.
 */
import type { FlagSink } from "./flag_sink.ts";
import { flagHostPath } from "./path_flags.ts";
import type { PolicyContext } from "./types.ts";

export function flagPrivileged(sink: FlagSink, detail: string): void {
  sink.add("privileged", "confirm", "runs privileged, with every capability and the host's devices.", detail);
}

export function flagHostEnvironment(sink: FlagSink, detail: string): void {
  sink.add("host-environment", "confirm", "gets the host's environment variables.", detail);
}

/** @param spec `NAME[:ro]` of a container outside the check's view */
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
export function flagBuildContext(sink: FlagSink, value: string, ctx: PolicyContext, detail: string): void {
  const source = value.slice(value.indexOf("=") + 1);
  if (!isRemoteContext(source)) flagHostPath(sink, source, ctx, "builds an image from", detail);
}

/** A build secret read from a host file: `id=x,src=/path`. */
export function flagBuildSecret(sink: FlagSink, value: string, ctx: PolicyContext, detail: string): void {
  const src = /(?:^|,)(?:src|source)=([^,]*)/.exec(value)?.[1];
  if (src !== undefined) flagHostPath(sink, src, ctx, "reads the build secret", detail);
}

/** Git URLs, image references and other build contexts that are not host folders. */
export function isRemoteContext(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ||
    /^(git@|github\.com\/|docker-image:|service:|target:)/.test(source);
}
