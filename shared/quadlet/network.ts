/** A top-level compose network → a `.network` unit (none for `external`). */
import { type ConvertContext, FieldWriter, unitBase, writeResourceName } from "./context.ts";
import { isExtensionKey, NETWORK_KEYS } from "./key_table.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { newDraft, type UnitDraft } from "./unit_file.ts";
import { bool, keyValues, list, mapping, scalar } from "./values.ts";
import { atLeast, QUADLET_VALUE_SINCE } from "./versions.ts";

const IPAM_CONFIG: Record<string, string> = { subnet: "Subnet", ip_range: "IPRange", gateway: "Gateway" };

export function convertNetwork(name: string, value: unknown, ctx: ConvertContext): UnitDraft | undefined {
  const def = value === null || value === undefined ? {} : mapping(value, `networks.${name}`);
  if (def["external"] === true) return undefined;
  const draft = newDraft(`${unitBase(ctx, name)}.network`, "network");
  const w = new FieldWriter(ctx, draft, `network "${name}"`);
  const unsupported = (key: string, reason: string) => ctx.unsupported.push({ service: null, key, reason });
  for (const [key, v] of Object.entries(def)) {
    const path = `networks.${name}.${key}`;
    const rule = NETWORK_KEYS[key];
    if (rule === undefined && isExtensionKey(key)) {
      w.warnOnce(`network "${name}": extension field "${key}" ignored`);
    } else if (rule === undefined) unsupported(path, "unknown compose network key");
    else if (rule.kind === "ignored") w.warnOnce(`network "${name}": key "${key}" ignored: ${rule.reason}`);
    else if (key === "driver") w.put("Driver", escapeSystemd(scalar(v, path)));
    else if (key === "driver_opts") {
      for (const [k, o] of keyValues(v, path)) driverOption(k, o ?? "", `${path}.${k}`, w, ctx);
    } else if (key === "enable_ipv6") {
      if (bool(v, path)) w.put("IPv6", "true");
    } else if (key === "internal") {
      if (bool(v, path)) w.put("Internal", "true");
    } else if (key === "labels") {
      for (const [k, l] of keyValues(v, path)) w.put("Label", escapeSystemd(`${k}=${l ?? ""}`));
    } else if (key === "name") {
      scalar(v, path);
    } else if (key === "ipam") {
      ipam(v, path, w, unsupported);
    }
  }
  writeResourceName(ctx, w, "network", name, def);
  w.finish();
  return draft;
}

function ipam(
  value: unknown,
  path: string,
  w: FieldWriter,
  unsupported: (k: string, r: string) => void,
): void {
  const def = mapping(value, path);
  for (const [key, v] of Object.entries(def)) {
    if (key === "driver") {
      // Docker's name for "the default IPAM driver"; Podman knows no driver called "default".
      const driver = scalar(v, `${path}.driver`);
      if (driver !== "default") w.put("IPAMDriver", escapeSystemd(driver));
    } else if (key === "config") {
      list(v, `${path}.config`).forEach((c, i) => {
        const cfg = mapping(c, `${path}.config[${i}]`);
        for (const [ck, cv] of Object.entries(cfg)) {
          const quadlet = IPAM_CONFIG[ck];
          if (quadlet) w.put(quadlet, escapeSystemd(scalar(cv, `${path}.config[${i}].${ck}`)));
          else unsupported(`${path}.config[${i}].${ck}`, `IPAM option "${ck}" has no quadlet equivalent`);
        }
      });
    } else unsupported(`${path}.${key}`, `IPAM option "${key}" has no quadlet equivalent`);
  }
}

/**
 * Docker's bridge options arrived in Podman 4.5; before that the MTU has Podman's own name (`mtu`) and the
 * bridge's interface name cannot be set.
 */
function driverOption(name: string, value: string, key: string, w: FieldWriter, ctx: ConvertContext): void {
  const docker = name === "com.docker.network.bridge.name" || name === "com.docker.network.driver.mtu";
  if (!docker || atLeast(ctx.podmanVersion, QUADLET_VALUE_SINCE.dockerBridgeOptions.since)) {
    w.put("Options", escapeSystemd(`${name}=${value}`));
  } else if (name === "com.docker.network.driver.mtu") w.put("Options", escapeSystemd(`mtu=${value}`));
  else {
    ctx.unsupported.push({
      service: null,
      key,
      reason:
        `${name} needs Podman ${QUADLET_VALUE_SINCE.dockerBridgeOptions.since} (target ${ctx.podmanVersion})`,
    });
  }
}
