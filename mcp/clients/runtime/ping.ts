/**
 * `/_ping`: both APIs answer it at once, and its headers name the runtime and its versions. Podman sends
 * `Libpod-Api-Version: 4.3.1` and `Server: Libpod/4.3.1 (linux)`, Docker `Server: Docker/27.1.1 (linux)`;
 * both send `Api-Version` (the Docker-compatible API version). `/version` and `/info` gather host facts and
 * took 5–6 s on a busy host, so version facts come from here.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import type { RuntimeKind } from "./client.ts";

export interface PingFacts {
  kind: RuntimeKind;
  /** Runtime version (`4.3.1`), or "" when the headers do not say. */
  version: string;
  /** Docker-compatible API version (`1.41`), or "". */
  apiVersion: string;
}

/** @default 3 s per attempt: /_ping does no work, so a slow answer means a stuck service. */
export const PING_TIMEOUT_MS = 3000;
/** Attempts after the first one when /_ping times out or the socket refuses. */
export const PING_RETRIES = 1;

/** Reads the facts from /_ping's headers. Pure. */
export function pingFacts(headers: Headers): PingFacts {
  const libpod = headers.get("libpod-api-version");
  const server = /^(?:Libpod|Docker)\/v?([0-9][^\s(]*)/i.exec(headers.get("server") ?? "")?.[1];
  return {
    kind: libpod !== null ? "podman" : "docker",
    version: server ?? libpod ?? "",
    apiVersion: headers.get("api-version") ?? "",
  };
}

export interface PingFailure {
  /** `timeout`: no answer in time; `unreachable`: no connection; `http`: an error status. */
  kind: "timeout" | "unreachable" | "http";
  status?: number;
  message: string;
}

async function pingOnce(fetch: FetchLike, timeoutMs: number): Promise<Result<PingFacts, PingFailure>> {
  try {
    const res = await fetch("http://runtime/_ping", { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    if (!res.ok) {
      return err({ kind: "http", status: res.status, message: `/_ping answered HTTP ${res.status}` });
    }
    return ok(pingFacts(res.headers));
  } catch (e) {
    if (e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError")) {
      return err({ kind: "timeout", message: `/_ping did not answer in ${timeoutMs} ms` });
    }
    return err({ kind: "unreachable", message: (e as Error).message });
  }
}

/** Asks /_ping, once more after a timeout or a refused connection (a socket-activated service starting). */
export async function ping(
  fetch: FetchLike,
  options: { timeoutMs?: number; retries?: number } = {},
): Promise<Result<PingFacts, PingFailure>> {
  const timeoutMs = options.timeoutMs ?? PING_TIMEOUT_MS;
  let attempts = 1 + (options.retries ?? PING_RETRIES);
  for (;;) {
    const answer = await pingOnce(fetch, timeoutMs);
    attempts--;
    if (answer.ok || answer.error.kind === "http" || attempts <= 0) return answer;
  }
}
