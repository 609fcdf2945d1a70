/** The flags for one host path a container would get: a protected path, or a path that cannot be resolved. */
import type { FlagSink } from "./flag_sink.ts";
import { type PathBase, resolveHostPath } from "./host_path.ts";
import { pathConcern } from "./protected_paths.ts";
import type { PolicyContext } from "./types.ts";

/**
 * Flags `raw` when it names a protected path (rule host-path) or cannot be resolved (rule unresolved).
 * @param verb what the owner does with the path: "mounts", "builds an image from" …
 */
export function flagHostPath(
  sink: FlagSink,
  raw: string,
  ctx: PolicyContext & PathBase,
  verb: string,
  detail: string,
): void {
  const path = resolveHostPath(raw, ctx);
  if (!path.ok) {
    flagUnresolved(sink, verb, raw, path.error, detail);
    return;
  }
  const concern = pathConcern(path.value, ctx);
  if (concern !== undefined) sink.add("host-path", "confirm", `${verb} ${path.value}, ${concern}.`, detail);
}

/** `Cannot tell what service "x" mounts ("$DIR/data:/data"): variable "DIR" has no value.` */
export function flagUnresolved(
  sink: FlagSink,
  verb: string,
  raw: string,
  reason: string,
  detail: string,
): void {
  const owner = sink.subject.charAt(0).toLowerCase() + sink.subject.slice(1);
  sink.addSentence(
    "unresolved",
    "confirm",
    `Cannot tell what ${owner} ${verb} (${JSON.stringify(raw)}): ${reason}.`,
    detail,
  );
}
