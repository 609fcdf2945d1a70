/**
 * Opens the runtime's event stream: libpod `GET /libpod/events?stream=true` on Podman, `GET /events` on Docker,
 * both filtered to container events. The body streams NDJSON until the connection drops, so `fetch` must
 * stream (unixStreamFetch, http1_stream.ts). Never throws.
 */
import { err, ok } from "../../../../shared/result.ts";
import type { RuntimeKind, RuntimeResult } from "../client.ts";
import { detectRuntimeKind } from "../detect.ts";
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
  /** Asked from the API's `/version` on every open when unset (which also proves the API answers). */
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
  return {
    async open(signal) {
      let kind = options.kind;
      if (kind === undefined) {
        const detected = await detectRuntimeKind((input, init) => options.fetch(String(input), init));
        if (!detected.ok) return err({ kind: "unreachable", message: `Cannot ${WHAT}: ${detected.error}` });
        kind = detected.value;
      }
      // The timeout covers the headers only: the body is meant to stay open.
      const opening = new AbortController();
      const onAbort = () => opening.abort(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      let timedOut = false;
      const timer = timers.set(() => {
        timedOut = true;
        opening.abort();
      }, openTimeoutMs);
      try {
        const res = await options.fetch(`http://runtime${eventsPath(kind)}`, { signal: opening.signal });
        if (res.status >= 400 || res.body === null) {
          const text = res.body === null ? "" : (await res.text()).slice(0, 200).trim();
          return err({
            kind: res.status >= 400 ? "http" : "decode",
            status: res.status,
            message: `Cannot ${WHAT}: ${text || `HTTP ${res.status} without a body`}`,
          });
        }
        return ok(res.body);
      } catch (e) {
        if (timedOut) {
          return err({ kind: "timeout", message: `Cannot ${WHAT}: the ${kind} API did not answer in time` });
        }
        return err({
          kind: "unreachable",
          message: `Cannot ${WHAT}: the ${kind} API at ${options.socket} is unreachable (${
            (e as Error).message
          })`,
        });
      } finally {
        timers.clear(timer);
        // Keep forwarding aborts to the open body; only the header timeout is over.
        if (signal.aborted) opening.abort(signal.reason);
      }
    },
  };
}
