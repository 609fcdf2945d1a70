/**
 * Finding the container runtime: which socket (candidates in order) and which API (Podman or Docker),
 * asked from the API itself.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import type { RuntimeKind } from "./client.ts";
import { ping, PING_TIMEOUT_MS } from "./ping.ts";

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
 * Asks `/_ping` (see ping.ts), which both APIs answer at once: Podman names itself in the `Libpod-Api-Version`
 * header, Docker has none. (`/version` gathers host facts and took 5–6 s on a busy host.)
 */
export async function detectRuntimeKind(
  fetch: FetchLike,
  timeoutMs = PING_TIMEOUT_MS,
): Promise<Result<RuntimeKind, string>> {
  const answer = await ping(fetch, { timeoutMs });
  return answer.ok ? ok(answer.value.kind) : err(`Cannot detect the runtime: ${answer.error.message}`);
}
