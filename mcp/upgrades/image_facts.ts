/**
 * What the upgrade check needs to know of every container: the runtime client's summaries (name, image
 * reference, image id, labels; read from the state store when it is live) joined with the image list (repo
 * digests, image labels), which the runtime client does not carry and which this reads from the Podman (or
 * Docker) API in one call through its own injected fetch (a Unix-socket fetch on `deps.runtime.socket`). Never
 * throws.
 */
import { err, ok, type Result } from "../../shared/result.ts";
import type { FetchLike } from "../../shared/fetch_like.ts";
import type { ContainerSummary, RuntimeError, RuntimeKind } from "../clients/runtime/client.ts";
import { DOCKER_BASE, LIBPOD_BASE } from "../clients/runtime/http_runtime.ts";
import { toImageSummary } from "../clients/runtime/normalize.ts";

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

/** Reads the image list through `fetch` and joins it to `summaries` (imageFacts). */
export async function readImageFacts(
  summaries: readonly ContainerSummary[],
  fetch: FetchLike,
  kind: RuntimeKind,
): Promise<Result<ContainerImageFacts[], RuntimeError>> {
  const images = await getJson(
    fetch,
    `${kind === "podman" ? LIBPOD_BASE : DOCKER_BASE}/images/json`,
    "list images",
  );
  return images.ok ? ok(imageFacts(summaries, images.value)) : images;
}

/** Each container's facts, with its image's digests and labels from `images` (the API's image list) when there. */
export function imageFacts(summaries: readonly ContainerSummary[], images: unknown): ContainerImageFacts[] {
  const byId = new Map((Array.isArray(images) ? images : []).map((raw) => {
    const image = toImageSummary(raw);
    return [image.id, image];
  }));
  return summaries.map((s) => {
    const image = byId.get(s.imageId);
    return {
      container: s.name,
      id: s.id,
      state: s.state,
      image: s.image,
      imageId: s.imageId,
      repoDigests: image?.repoDigests ?? [],
      labels: s.labels,
      imageLabels: image?.labels ?? {},
    };
  });
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
