/**
 * Finding the container runtime: which socket (candidates in order) and which API (Podman or Docker),
 * asked from the API itself.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import type { RuntimeKind } from "./client.ts";

/** Candidate sockets in the order they are tried. Pure. */
export function runtimeSocketCandidates(
  env: { XDG_RUNTIME_DIR?: string | undefined },
  uid: number,
): string[] {
  const list = [
    env.XDG_RUNTIME_DIR ? `${env.XDG_RUNTIME_DIR}/podman/podman.sock` : undefined,
    `/run/user/${uid}/podman/podman.sock`,
    "/run/podman/podman.sock",
    "/var/run/docker.sock",
  ].filter((p): p is string => p !== undefined);
  return [...new Set(list)];
}

/** The first candidate for which `exists` is true. */
export async function findRuntimeSocket(
  candidates: readonly string[],
  exists: (path: string) => Promise<boolean>,
): Promise<string | undefined> {
  for (const path of candidates) if (await exists(path)) return path;
  return undefined;
}

/**
 * Asks `/_ping`, which both APIs answer at once: Podman names itself in the `Libpod-Api-Version` header, Docker
 * has none. (`/version` gathers host facts and took 5–6 s on a busy host, long enough to call Podman down.)
 */
export async function detectRuntimeKind(
  fetch: FetchLike,
  timeoutMs = 5000,
): Promise<Result<RuntimeKind, string>> {
  try {
    const res = await fetch("http://runtime/_ping", { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    if (!res.ok) return err(`Cannot detect the runtime: /_ping answered HTTP ${res.status}`);
    return ok(res.headers.has("libpod-api-version") ? "podman" : "docker");
  } catch (e) {
    return err(`Cannot detect the runtime: ${(e as Error).message}`);
  }
}
