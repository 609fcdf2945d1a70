/** volumes (short and long syntax; bind, named, anonymous, tmpfs) and tmpfs. */
import { hostPath, volumeRef } from "./context.ts";
import { InvalidValue } from "./failure.ts";
import type { Handler, ServiceScope } from "./service_scope.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { bool, isMapping, list, type Mapping, scalar, stringList } from "./values.ts";

const MODE_WORD =
  /^(ro|rw|z|Z|nocopy|copy|shared|rshared|slave|rslave|private|rprivate|cached|delegated|consistent|U)$/;

/** A bind source starts like a path; anything else names a volume. */
export function isBindSource(source: string): boolean {
  return source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
}

export const volumes: Handler = (value, s, key) => {
  list(value, key).forEach((item, i) => {
    const itemKey = `${key}[${i}]`;
    if (isMapping(item)) longVolume(item, s, itemKey);
    else shortVolume(scalar(item, itemKey), s, itemKey);
  });
};

function shortVolume(text: string, s: ServiceScope, key: string): void {
  const parts = text.split(":");
  if (parts.some((p) => p === "") || parts.length > 3) {
    throw new InvalidValue(key, `Cannot parse volume "${text}": expected [SOURCE:]TARGET[:MODE]`);
  }
  if (parts.length === 1) {
    s.w.put("Volume", escapeSystemd(checkTarget(parts[0] as string, text, key)));
    return;
  }
  const [source, target, mode] = parts as [string, string, string | undefined];
  if (mode !== undefined && !mode.split(",").every((m) => MODE_WORD.test(m))) {
    throw new InvalidValue(key, `Cannot parse volume "${text}": unknown mode "${mode}"`);
  }
  const src = isBindSource(source) ? hostPath(s.ctx, source) : escapeSystemd(volumeRef(s.ctx, source, key));
  const suffix = mode === undefined ? "" : `:${mode}`;
  s.w.put("Volume", `${src}:${escapeSystemd(checkTarget(target, text, key))}${suffix}`);
}

function checkTarget(target: string, text: string, key: string): string {
  if (!target.startsWith("/")) {
    throw new InvalidValue(key, `Cannot parse volume "${text}": target "${target}" is not an absolute path`);
  }
  return target;
}

function longVolume(item: Mapping, s: ServiceScope, key: string): void {
  const type = scalar(item["type"] ?? "volume", `${key}.type`);
  const target = checkTarget(scalar(item["target"] ?? "", `${key}.target`), JSON.stringify(item), key);
  const source = item["source"] === undefined ? undefined : scalar(item["source"], `${key}.source`);
  for (const sub of Object.keys(item)) {
    if (!["type", "source", "target", "read_only", "bind", "volume", "tmpfs", "consistency"].includes(sub)) {
      s.unsupported(`${key}.${sub}`, `volume option "${sub}" has no quadlet equivalent`);
    }
  }
  const opts: string[] = [];
  if (item["read_only"] !== undefined && bool(item["read_only"], `${key}.read_only`)) opts.push("ro");
  if (type === "tmpfs") {
    const t = isMapping(item["tmpfs"]) ? item["tmpfs"] : {};
    const tmpOpts = [...opts];
    if (t["size"] !== undefined) tmpOpts.push(`size=${scalar(t["size"], `${key}.tmpfs.size`)}`);
    if (t["mode"] !== undefined) tmpOpts.push(`mode=${scalar(t["mode"], `${key}.tmpfs.mode`)}`);
    s.w.put("Tmpfs", escapeSystemd(tmpOpts.length ? `${target}:${tmpOpts.join(",")}` : target));
    return;
  }
  if (type === "bind") {
    if (source === undefined) throw new InvalidValue(key, "Cannot parse volume: a bind mount needs `source`");
    const bind = isMapping(item["bind"]) ? item["bind"] : {};
    if (bind["propagation"] !== undefined) opts.push(scalar(bind["propagation"], `${key}.bind.propagation`));
    if (bind["selinux"] !== undefined) opts.push(scalar(bind["selinux"], `${key}.bind.selinux`));
    const suffix = opts.length ? `:${opts.join(",")}` : "";
    s.w.put("Volume", `${hostPath(s.ctx, source)}:${escapeSystemd(target)}${suffix}`);
    return;
  }
  if (type === "volume") {
    const vol = isMapping(item["volume"]) ? item["volume"] : {};
    if (vol["nocopy"] === true) opts.push("nocopy");
    if (vol["subpath"] !== undefined) {
      s.unsupported(`${key}.volume.subpath`, "volume subpaths are not converted");
    }
    const suffix = opts.length ? `:${opts.join(",")}` : "";
    if (source === undefined) s.w.put("Volume", `${escapeSystemd(target)}${suffix}`);
    else {s.w.put(
        "Volume",
        `${escapeSystemd(volumeRef(s.ctx, source, key))}:${escapeSystemd(target)}${suffix}`,
      );}
    return;
  }
  s.unsupported(key, `volume type "${type}" has no quadlet equivalent`);
}

export const tmpfs: Handler = (value, s, key) => {
  for (const path of stringList(value, key)) s.w.put("Tmpfs", escapeSystemd(path));
};
