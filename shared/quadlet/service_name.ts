import type { QuadletType } from "../helper_protocol.ts";

/**
 * The systemd service the quadlet generator makes from `<name>.<type>` (podman-systemd.unit(5)): a .container or
 * .kube runs as `<name>.service`, the other types as `<name>-<type>.service`. A `ServiceName=` override inside the
 * file is not read here.
 */
export function quadletServiceName(name: string, type: QuadletType): string {
  return type === "container" || type === "kube" ? `${name}.service` : `${name}-${type}.service`;
}
