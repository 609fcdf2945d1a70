/**
 * The image steps of an upgrade through the Podman API (arr-mcp holds its socket; arr-helper gains no pull):
 * pull one reference, tag an image, and read which image a container runs (the runtime client's inspect, asked
 * of Podman itself, never of the state store). Errors are one line of text for the step report; never throws.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import type { RuntimeClient } from "../../clients/runtime/client.ts";
import { LIBPOD_BASE } from "../../clients/runtime/http_runtime.ts";
import { bareImageId, errorReason } from "../../clients/runtime/normalize.ts";
import { imageName, parseImageRef } from "../image_ref.ts";

export interface ContainerObservation {
  id: string;
  /** The image id the container runs, without `sha256:`. */
  imageId: string;
  state: string;
  running: boolean;
  startedAt: string | null;
  /** null when the container has no health check. */
  health: string | null;
}

export interface PodmanImages {
  /** Pulls `reference` (by digest for upgrades) and answers the image id. */
  pull(reference: string): Promise<Result<string, string>>;
  /** Gives `source` (an id or reference) the name `target` (`name:tag`). */
  tag(source: string, target: string): Promise<Result<void, string>>;
  /** The image id a reference names locally, or null when there is none. */
  imageId(reference: string): Promise<Result<string | null, string>>;
  /** The container as it is now, or null when there is none of that name. */
  observe(container: string): Promise<Result<ContainerObservation | null, string>>;
}

export function createPodmanImages(options: {
  fetch: FetchLike;
  /** Inspects containers on the same socket, straight from Podman (createHttpRuntime, not the store). */
  runtime: Pick<RuntimeClient, "inspect">;
  /** Registries (`host:port`) pulled from without TLS verification (ARR_REGISTRY_INSECURE). */
  insecure: readonly string[];
  /** @default 600_000 (a large image pull) */
  pullTimeoutMs?: number;
}): PodmanImages {
  const call = async (method: string, path: string, what: string, timeoutMs = 30_000) => {
    try {
      const res = await options.fetch(`http://runtime${LIBPOD_BASE}${path}`, {
        method,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return ok({ status: res.status, text: await res.text() });
    } catch (e) {
      return err(
        `Cannot ${what}: ${
          (e as Error).name === "TimeoutError" ? "no answer in time" : (e as Error).message
        }`,
      );
    }
  };
  return {
    async pull(reference) {
      const ref = parseImageRef(reference);
      const tls = ref !== null && options.insecure.includes(ref.registry) ? "&tlsVerify=false" : "";
      const what = `pull ${reference}`;
      const r = await call(
        "POST",
        `/images/pull?reference=${encodeURIComponent(reference)}&quiet=true${tls}`,
        what,
        options.pullTimeoutMs ?? 600_000,
      );
      if (!r.ok) return r;
      if (r.value.status >= 400) return err(`Cannot ${what}: ${errorReason(r.value.text)}`);
      // A stream of JSON lines: progress, then `{"id": …}` or `{"error": …}`.
      let id = "";
      for (const line of r.value.text.split("\n")) {
        if (line.trim() === "") continue;
        let o: Record<string, unknown>;
        try {
          o = JSON.parse(line);
        } catch {
          continue;
        }
        if (typeof o.error === "string" && o.error !== "") return err(`Cannot ${what}: ${o.error}`);
        if (typeof o.id === "string" && o.id !== "") id = bareImageId(o.id);
      }
      return id === "" ? err(`Cannot ${what}: Podman named no image`) : ok(id);
    },

    async tag(source, target) {
      const repo = imageName(target);
      const tag = target.slice(repo.length + 1);
      const what = `tag ${source} as ${target}`;
      const r = await call(
        "POST",
        `/images/${encodeURIComponent(source)}/tag?repo=${encodeURIComponent(repo)}&tag=${
          encodeURIComponent(tag)
        }`,
        what,
      );
      if (!r.ok) return r;
      return r.value.status < 300 ? ok(undefined) : err(`Cannot ${what}: ${errorReason(r.value.text)}`);
    },

    async imageId(reference) {
      const what = `inspect image ${reference}`;
      const r = await call("GET", `/images/${encodeURIComponent(reference)}/json`, what);
      if (!r.ok) return r;
      if (r.value.status === 404) return ok(null);
      if (r.value.status >= 300) return err(`Cannot ${what}: ${errorReason(r.value.text)}`);
      try {
        return ok(bareImageId((JSON.parse(r.value.text) as { Id?: unknown }).Id));
      } catch (e) {
        return err(`Cannot ${what}: ${(e as Error).message}`);
      }
    },

    async observe(container) {
      const r = await options.runtime.inspect(container);
      if (!r.ok) return r.error.kind === "not_found" ? ok(null) : err(r.error.message);
      const d = r.value;
      return ok({
        id: d.id,
        imageId: d.imageId,
        state: d.state || "unknown",
        running: d.running,
        startedAt: d.startedAt,
        health: d.healthStatus,
      });
    },
  };
}
