/**
 * The two ways a mount is written on one line: `SOURCE:TARGET[:OPTIONS]` (compose short syntax, quadlet
 * Volume=, podman -v) and `type=bind,source=…,target=…` (quadlet Mount=, podman --mount).
 */
import { isBindSource } from "../../shared/quadlet/service_volumes.ts";

export type MountSource =
  /** A host path, as written. */
  | { kind: "bind"; path: string }
  /** A named volume or a quadlet `.volume` unit. */
  | { kind: "volume"; name: string }
  /** Anonymous volumes, tmpfs, images, devpts: no host path. */
  | { kind: "none" };

/** `SOURCE:TARGET[:OPTIONS]`, or a lone `TARGET` (an anonymous volume). */
export function volumeSpecSource(spec: string): MountSource {
  const parts = spec.split(":");
  if (parts.length < 2) return { kind: "none" };
  const source = parts[0] as string;
  if (source === "") return { kind: "none" };
  return looksLikePath(source) ? { kind: "bind", path: source } : { kind: "volume", name: source };
}

/** `type=bind,source=/x,destination=/y,ro` — podman's --mount fields (`src` is `source`). */
export function mountSpecSource(spec: string): MountSource {
  const fields = new Map<string, string>();
  for (const part of spec.split(",")) {
    const eq = part.indexOf("=");
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    fields.set(key, eq < 0 ? "" : unquote(part.slice(eq + 1).trim()));
  }
  const source = fields.get("source") ?? fields.get("src");
  const type = fields.get("type") ?? (source !== undefined && looksLikePath(source) ? "bind" : "volume");
  if (source === undefined || source === "") return { kind: "none" };
  if (type === "bind") return { kind: "bind", path: source };
  if (type === "glob") return { kind: "bind", path: globFolder(source) };
  if (type === "volume") return { kind: "volume", name: source };
  return { kind: "none" };
}

/**
 * A source that starts like a path (`/`, `.`, `~`), or with a systemd specifier, which expands to one
 * (`%t/x`); a volume name cannot start with `%`.
 */
function looksLikePath(source: string): boolean {
  return isBindSource(source) || source.startsWith("%");
}

/** The folder a glob's matches lie in: `/etc/*.conf` → `/etc`, `/*` → `/`. */
function globFolder(pattern: string): string {
  const literal = pattern.split(/[*?[]/)[0] as string;
  if (literal === pattern) return pattern;
  const slash = literal.lastIndexOf("/");
  return slash <= 0 ? (literal.startsWith("/") ? "/" : ".") : literal.slice(0, slash);
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
