/** A compose service's volumes (short and long syntax) and volumes_from. Named volumes are checked where defined. */
import { type ComposeReader, items, text } from "./compose_reader.ts";
import { detailOf } from "./flag_sink.ts";
import { flagMountSource } from "./mount_flags.ts";
import { type MountSource, volumeSpecSource } from "./mount_specs.ts";
import { flagVolumesFromContainer } from "./rule_flags.ts";
import type { PolicyContext } from "./types.ts";
import { isBindSource } from "../../shared/quadlet/service_volumes.ts";
import { isMapping, type Mapping } from "../../shared/quadlet/values.ts";

export function checkMounts(r: ComposeReader, svc: Mapping, ctx: PolicyContext): void {
  items(svc["volumes"]).forEach((raw, i) => {
    const key = `volumes[${i}]`;
    const value = r.read(raw, key, "mounts");
    if (value === undefined) return;
    const source = isMapping(value) ? longSyntaxSource(value) : volumeSpecSource(text(value) ?? "");
    flagMountSource(r.sink, source, ctx, detailOf(key, raw));
  });
  items(svc["volumes_from"]).forEach((raw, i) => {
    const key = `volumes_from[${i}]`;
    const from = text(r.read(raw, key, "mounts the volumes of"));
    if (from === undefined) return;
    const container = /^container:(.+)$/.exec(from)?.[1];
    if (container !== undefined) flagVolumesFromContainer(r.sink, container, detailOf(key, raw));
    else {
      const service = from.split(":")[0] ?? from;
      r.sink.add(
        "volumes-from",
        "notice",
        `mounts every volume of service "${service}".`,
        detailOf(key, raw),
      );
    }
  });
}

/** `{type: bind, source: …}`; without a type, a source that looks like a path is a bind mount. */
function longSyntaxSource(item: Mapping): MountSource {
  const source = text(item["source"]);
  if (source === undefined || source === "") return { kind: "none" };
  const type = text(item["type"])?.toLowerCase() ?? (isBindSource(source) ? "bind" : "volume");
  if (type === "bind") return { kind: "bind", path: source };
  if (type === "volume") return { kind: "volume", name: source };
  return { kind: "none" };
}
