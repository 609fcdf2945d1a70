/**
 * Opens the runtime's event stream: libpod `GET /libpod/events?stream=true` on Podman, `GET /events` on Docker,
 * both filtered to container events. The body streams NDJSON until the connection drops, so `fetch` must
 * stream (unixStreamFetch, http1_stream.ts). Never throws.
 */
import { err, ok } from "../../../../shared/result.ts";
import type { RuntimeError, RuntimeKind, RuntimeResult } from "../client.ts";
import { DOCKER_BASE, LIBPOD_BASE } from "../http_runtime.ts";
import { systemTimers, type Timers } from "./timers.ts";

export type StreamFetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface EventSource {
  /** The open stream's body; aborting `signal` closes it. */
  open(signal: AbortSignal): Promise<RuntimeResult<ReadableStream<Uint8Array>>>;
}

export interface RuntimeEventSourceOptions {
  fetch: StreamFetch;
  /** For messages only. */
  socket: string;
  /** When unset, libpod's path is tried first and Docker's on a 404; the answer is remembered. */
  kind?: RuntimeKind;
  /** How long the headers may take. @default 10_000 */
  openTimeoutMs?: number;
  /** @default systemTimers */
  timers?: Timers;
}

const WHAT = "follow runtime events";

export function eventsPath(kind: RuntimeKind): string {
  const q = new URLSearchParams({ filters: JSON.stringify({ type: ["container"] }) });
  if (kind === "podman") q.set("stream", "true");
  return `${kind === "podman" ? LIBPOD_BASE : DOCKER_BASE}/events?${q}`;
}

export function runtimeEventSource(options: RuntimeEventSourceOptions): EventSource {
  const timers = options.timers ?? systemTimers;
  const openTimeoutMs = options.openTimeoutMs ?? 10_000;
  let known = options.kind;

  async function openAs(kind: RuntimeKind, signal: AbortSignal) {
    // The timeout covers the headers only: the body is meant to stay open.
    const opening = new AbortController();
    signal.addEventListener("abort", () => opening.abort(signal.reason), { once: true });
    let timedOut = false;
    const timer = timers.set(() => {
      timedOut = true;
      opening.abort();
    }, openTimeoutMs);
    try {
      const res = await options.fetch(`http://runtime${eventsPath(kind)}`, { signal: opening.signal });
      if (res.status >= 400 || res.body === null) {
        const text = res.body === null ? "" : (await res.text()).slice(0, 200).trim();
        return err<RuntimeError>({
          kind: res.status >= 400 ? "http" : "decode",
          status: res.status,
          message: `Cannot ${WHAT}: ${text || `HTTP ${res.status} without a body`}`,
        });
      }
      return ok(res.body);
    } catch (e) {
      if (timedOut) {
        return err<RuntimeError>({
          kind: "timeout",
          message: `Cannot ${WHAT}: the ${kind} API did not answer in time`,
        });
      }
      return err<RuntimeError>({
        kind: "unreachable",
        message: `Cannot ${WHAT}: the ${kind} API at ${options.socket} is unreachable (${
          (e as Error).message
        })`,
      });
    } finally {
      timers.clear(timer);
    }
  }

  return {
    async open(signal) {
      if (known !== undefined) return await openAs(known, signal);
      // Kind unknown: libpod's path answers 404 on Docker. Cheaper than /version, which took 5-7 s on the
      // testbed's Podman 4.3.1.
      const podman = await openAs("podman", signal);
      if (podman.ok) known = "podman";
      if (podman.ok || podman.error.status !== 404) return podman;
      const docker = await openAs("docker", signal);
      if (docker.ok) known = "docker";
      return docker;
    },
  };
}
