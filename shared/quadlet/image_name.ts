/**
 * Short image names resolved the way Docker resolves them (distribution/reference `splitDockerDomain`): a
 * first path component that has no `.` or `:`, is not `localhost` and has no capital letter is not a registry,
 * so the name lives on Docker Hub (`docker.io/`), and a one-part name is an official image (`library/`).
 * Podman would instead ask registries.conf, or fail without a terminal to pick one.
 */

const DOCKER_HUB = "docker.io";

/** `nginx:1.27` → `docker.io/library/nginx:1.27`; names with a registry are returned unchanged. */
export function qualifyImage(ref: string): string {
  const slash = ref.indexOf("/");
  const first = slash < 0 ? "" : ref.slice(0, slash);
  const hasRegistry = slash >= 0 &&
    (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first);
  if (hasRegistry || ref === "") return ref;
  return slash < 0 ? `${DOCKER_HUB}/library/${ref}` : `${DOCKER_HUB}/${ref}`;
}
