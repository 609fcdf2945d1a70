/** A mount's source → flags: host paths are checked, volumes are checked where they are defined. */
import type { FlagSink } from "./flag_sink.ts";
import type { MountSource } from "./mount_specs.ts";
import { flagHostPath } from "./path_flags.ts";
import type { PolicyContext } from "./types.ts";

export function flagMountSource(
  sink: FlagSink,
  source: MountSource,
  ctx: PolicyContext,
  detail: string,
): void {
  if (source.kind === "bind") flagHostPath(sink, source.path, ctx, "mounts", detail);
}
