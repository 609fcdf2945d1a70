/**
 * An image reference as the registry API needs it: `sonarr` is docker.io/library/sonarr:latest, served by
 * registry-1.docker.io; `lscr.io/linuxserver/x` is read from ghcr.io (lscr.io is LinuxServer's vanity mirror
 * of ghcr.io, whose token endpoint is the documented one); a registry in `ARR_REGISTRY_INSECURE` is spoken to
 * over plain HTTP. Pure.
 */
import { qualifyImage } from "../../shared/quadlet/image_name.ts";

export interface ImageRef {
  /** As written in the container's config, e.g. `lscr.io/linuxserver/sonarr:4.0.14.2939-ls278`. */
  reference: string;
  /** The registry host as written (`docker.io` for short names). */
  registry: string;
  /** `library/nginx`, `linuxserver/sonarr`. */
  repository: string;
  /** `latest` when none is given. */
  tag: string;
  /** A pinned `@sha256:…`, if any. */
  digest: string | null;
}

const NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const HOST = /^[a-zA-Z0-9](?:[a-zA-Z0-9.-]{0,251}[a-zA-Z0-9])?(?::\d{1,5})?$/;

export function parseImageRef(reference: string): ImageRef | null {
  let rest = reference.trim();
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return null;
  }
  let tag = "latest";
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return null;
  }
  // Docker's rules for short names, shared with the quadlet converter.
  const qualified = qualifyImage(rest);
  const slash = qualified.indexOf("/");
  if (slash < 0) return null;
  const registry = qualified.slice(0, slash);
  const repository = qualified.slice(slash + 1);
  if (!NAME.test(repository) || !HOST.test(registry)) return null;
  return { reference, registry, repository, tag, digest };
}

/** Where the registry API for `registry` is: scheme and host. */
export function registryEndpoint(registry: string, insecure: readonly string[]): string {
  const host = registry === "docker.io" || registry === "index.docker.io"
    ? "registry-1.docker.io"
    : registry === "lscr.io"
    ? "ghcr.io"
    : registry;
  return `${insecure.includes(registry) || insecure.includes(host) ? "http" : "https"}://${host}`;
}

/** `ARR_REGISTRY_INSECURE=host:port,…` */
export function parseInsecureRegistries(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** The reference as written without its tag and digest: `lscr.io/linuxserver/sonarr`. */
export function imageName(reference: string): string {
  const bare = reference.trim().split("@")[0] ?? "";
  const colon = bare.lastIndexOf(":");
  return colon > bare.lastIndexOf("/") ? bare.slice(0, colon) : bare;
}
