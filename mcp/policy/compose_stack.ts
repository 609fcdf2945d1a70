/**
 * The top level of a compose file: volumes bound to host folders (`driver_opts: {o: bind, device: …}`),
 * secrets and configs read from host files, podman-compose's `x-podman.pod_args`, and `include`d files.
 */
import { flagCapabilities } from "./capabilities.ts";
import { type ComposeReader, items, text } from "./compose_reader.ts";
import { detailOf } from "./flag_sink.ts";
import { flagHostPath } from "./path_flags.ts";
import { parsePodmanArgs } from "./podman_args.ts";
import { flagPodmanArgs } from "./podman_flags.ts";
import type { PolicyContext } from "./types.ts";
import { shellSplit } from "../../shared/quadlet/shell_words.ts";
import { isMapping, type Mapping } from "../../shared/quadlet/values.ts";

export function checkStack(r: ComposeReader, doc: Mapping, ctx: PolicyContext): void {
  const volumes = doc["volumes"];
  if (isMapping(volumes)) {
    for (const [name, def] of Object.entries(volumes)) {
      if (isMapping(def) && isMapping(def["driver_opts"])) bindVolume(r, name, def["driver_opts"], ctx);
    }
  }
  for (const kind of ["secrets", "configs"] as const) {
    const defs = doc[kind];
    if (!isMapping(defs)) continue;
    for (const [name, def] of Object.entries(defs)) {
      if (!isMapping(def) || def["file"] === undefined) continue;
      const key = `${kind}.${name}.file`;
      const verb = `reads the ${kind === "secrets" ? "secret" : "config"} "${name}" from`;
      const file = text(r.read(def["file"], key, verb));
      if (file !== undefined) flagHostPath(r.sink, file, ctx, verb, detailOf(key, def["file"]));
    }
  }
  podArgs(r, doc["x-podman"], ctx);
  items(doc["include"]).forEach((raw, i) => {
    const entry = isMapping(raw) ? raw["path"] : raw;
    for (const path of items(entry)) {
      const file = text(r.read(path, `include[${i}]`, "includes"));
      if (file === undefined) continue;
      r.sink.add(
        "unchecked-file",
        "confirm",
        `includes ${file}, which this check does not read.`,
        detailOf(`include[${i}]`, raw),
      );
    }
  });
}

/** A volume with `o: bind` (or rbind) and a `device` is the host folder `device`. */
function bindVolume(r: ComposeReader, name: string, opts: Mapping, ctx: PolicyContext): void {
  const key = `volumes.${name}.driver_opts`;
  const o = text(r.read(opts["o"], `${key}.o`, `sets as options of volume "${name}"`)) ?? "";
  if (!o.split(",").some((w) => w.trim() === "bind" || w.trim() === "rbind")) return;
  if (opts["device"] === undefined) return;
  const verb = `binds the volume "${name}" to`;
  const device = text(r.read(opts["device"], `${key}.device`, verb));
  if (device !== undefined) {
    flagHostPath(r.sink, device, ctx, verb, detailOf(`${key}.device`, opts["device"]));
  }
}

/** `x-podman: {pod_args: [...]}`: flags podman-compose passes to `podman pod create`. */
function podArgs(r: ComposeReader, xPodman: unknown, ctx: PolicyContext): void {
  if (!isMapping(xPodman) || xPodman["pod_args"] === undefined) return;
  const raw = xPodman["pod_args"];
  const value = r.read(raw, "x-podman.pod_args", "passes to podman");
  if (value === undefined) return;
  const words = typeof value === "string"
    ? shellSplit(value) ?? [value]
    : items(value).map((w) => text(w)).filter((w) => w !== undefined);
  const facts = flagPodmanArgs(r.sink, parsePodmanArgs(words), ctx, "x-podman.pod_args");
  for (const c of facts.capabilities) flagCapabilities(r.sink, c.caps, facts.hostNetwork, c.detail);
}
