/** A top-level compose volume → a `.volume` unit (none for `external`). */
import { type ConvertContext, FieldWriter, unitBase, writeResourceName } from "./context.ts";
import { isExtensionKey, VOLUME_KEYS } from "./key_table.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { newDraft, type UnitDraft } from "./unit_file.ts";
import { keyValues, mapping, scalar } from "./values.ts";

const DRIVER_OPTS: Record<string, string> = { type: "Type", device: "Device", o: "Options" };

export function convertVolume(name: string, value: unknown, ctx: ConvertContext): UnitDraft | undefined {
  const def = value === null || value === undefined ? {} : mapping(value, `volumes.${name}`);
  if (def["external"] === true) return undefined;
  const draft = newDraft(`${unitBase(ctx, name)}.volume`, "volume");
  const w = new FieldWriter(ctx, draft, `volume "${name}"`);
  for (const [key, v] of Object.entries(def)) {
    const path = `volumes.${name}.${key}`;
    if (VOLUME_KEYS[key] === undefined && isExtensionKey(key)) {
      w.warnOnce(`volume "${name}": extension field "${key}" ignored`);
    } else if (VOLUME_KEYS[key] === undefined) {
      ctx.unsupported.push({ service: null, key: path, reason: "unknown compose volume key" });
    } else if (key === "driver") {
      w.put("Driver", escapeSystemd(scalar(v, path)));
    } else if (key === "driver_opts") {
      for (const [k, o] of keyValues(v, path)) {
        const quadlet = DRIVER_OPTS[k];
        if (quadlet) w.put(quadlet, escapeSystemd(o ?? ""));
        else w.args("--opt", escapeSystemd(`${k}=${o ?? ""}`));
      }
    } else if (key === "labels") {
      for (const [k, l] of keyValues(v, path)) w.put("Label", escapeSystemd(`${k}=${l ?? ""}`));
    } else if (key === "name") {
      scalar(v, path);
    }
  }
  writeResourceName(ctx, w, "volume", name, def);
  w.finish();
  return draft;
}
