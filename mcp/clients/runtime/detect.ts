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

/** Asks `/version`: Podman lists a "Podman Engine" component; anything else answering is Docker. */
export async function detectRuntimeKind(
  fetch: FetchLike,
  timeoutMs = 5000,
): Promise<Result<RuntimeKind, string>> {
  try {
    const res = await fetch("http://runtime/version", { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return err(`Cannot detect the runtime: /version answered HTTP ${res.status}`);
    const body = await res.json() as { Components?: Array<{ Name?: string }> };
    const podman = (body.Components ?? []).some((c) => /podman/i.test(c.Name ?? ""));
    return ok(podman ? "podman" : "docker");
  } catch (e) {
    return err(`Cannot detect the runtime: ${(e as Error).message}`);
  }
}
