/**
 * What the upgrade check needs to know of every container, read from the Podman (or Docker) API in two calls:
 * the container list (name, image reference, image id, labels) and the image list (repo digests, image labels).
 * The runtime client's summaries drop the image id and digests, so this reads the same API through its own
 * injected fetch (a Unix-socket fetch on `deps.runtime.socket`). Never throws.
 */
import { err, ok, type Result } from "../../shared/result.ts";
import type { FetchLike } from "../../shared/fetch_like.ts";
import type { ContainerSummary, RuntimeError, RuntimeKind } from "../clients/runtime/client.ts";
import { DOCKER_BASE, LIBPOD_BASE } from "../clients/runtime/http_runtime.ts";
import { labelsOf } from "../clients/runtime/normalize.ts";

export interface ContainerImageFacts {
  container: string;
  id: string;
  state: string;
  /** The reference the container was created from, e.g. `lscr.io/linuxserver/sonarr:latest`. */
  image: string;
  imageId: string;
  /** `registry/repository@sha256:…` of every registry the image was pulled from or pushed to. */
  repoDigests: string[];
  labels: Record<string, string>;
  imageLabels: Record<string, string>;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === "object" ? v as Obj : {});
const asStr = (v: unknown): string => (typeof v === "string" ? v : "");
const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);
const stripId = (id: string) => id.replace(/^sha256:/, "");

export async function readImageFacts(
  fetch: FetchLike,
  kind: RuntimeKind,
): Promise<Result<ContainerImageFacts[], RuntimeError>> {
  const base = kind === "podman" ? LIBPOD_BASE : DOCKER_BASE;
  const containers = await getJson(fetch, `${base}/containers/json?all=true`, "list containers");
  if (!containers.ok) return containers;
  const images = await getJson(fetch, `${base}/images/json`, "list images");
  if (!images.ok) return images;
  const byId = new Map<string, Obj>();
  for (const raw of Array.isArray(images.value) ? images.value : []) {
    const o = asObj(raw);
    byId.set(stripId(asStr(o.Id)), o);
  }
  const facts: ContainerImageFacts[] = [];
  for (const raw of Array.isArray(containers.value) ? containers.value : []) {
    const c = asObj(raw);
    if (c.IsInfra === true) continue;
    const imageId = stripId(asStr(c.ImageID));
    const image = byId.get(imageId) ?? {};
    facts.push({
      container: (asStrings(c.Names)[0] ?? "").replace(/^\//, ""),
      id: asStr(c.Id),
      state: asStr(c.State),
      image: asStr(c.Image),
      imageId,
      repoDigests: asStrings(image.RepoDigests),
      labels: labelsOf(c.Labels),
      imageLabels: labelsOf(image.Labels),
    });
  }
  return ok(facts);
}

async function getJson(fetch: FetchLike, path: string, what: string): Promise<Result<unknown, RuntimeError>> {
  try {
    const res = await fetch(`http://runtime${path}`, { signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    if (res.status >= 400) {
      return err({
        kind: "http",
        status: res.status,
        message: `Cannot ${what}: the runtime answered ${res.status}`,
      });
    }
    return ok(JSON.parse(text));
  } catch (e) {
    const name = (e as Error).name;
    if (name === "TimeoutError") {
      return err({ kind: "timeout", message: `Cannot ${what}: the runtime did not answer in time` });
    }
    if (e instanceof SyntaxError) return err({ kind: "decode", message: `Cannot ${what}: ${e.message}` });
    return err({ kind: "unreachable", message: `Cannot ${what}: ${(e as Error).message}` });
  }
}

/**
 * Facts from the runtime client's summaries alone, where no API socket can be read directly: no image ids,
 * digests or image labels, so only tag-family candidates can be found (no moved-digest check).
 */
export function factsFromSummaries(summaries: readonly ContainerSummary[]): ContainerImageFacts[] {
  return summaries.map((s) => ({
    container: s.name,
    id: s.id,
    state: s.state,
    image: s.image,
    imageId: "",
    repoDigests: [],
    labels: s.labels,
    imageLabels: {},
  }));
}
