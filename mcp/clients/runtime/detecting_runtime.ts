/**
 * A RuntimeClient for a socket whose API kind (Podman or Docker) is found on first use and remembered.
 * If the socket is missing or does not answer, calls return `unreachable` and detection is retried next time
 * (Podman's socket is often socket-activated or started after arr-mcp).
 */
import { err } from "../../../shared/result.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import type { Clock } from "../../core/clock.ts";
import type { RuntimeClient, RuntimeError } from "./client.ts";
import { detectRuntimeKind } from "./detect.ts";
import { createHttpRuntime } from "./http_runtime.ts";

export function createDetectingRuntime(
  options: { socket: string; fetch: FetchLike; clock?: Clock },
): RuntimeClient {
  let inner: RuntimeClient | undefined;
  let pending: Promise<RuntimeClient | RuntimeError> | undefined;

  async function resolve(): Promise<RuntimeClient | RuntimeError> {
    if (inner) return inner;
    pending ??= (async () => {
      const kind = await detectRuntimeKind(options.fetch);
      if (!kind.ok) {
        return {
          kind: "unreachable" as const,
          message: `The container runtime at ${options.socket} does not answer: ${kind.error}`,
        };
      }
      inner = createHttpRuntime({
        kind: kind.value,
        fetch: options.fetch,
        socket: options.socket,
        ...(options.clock ? { clock: options.clock } : {}),
      });
      return inner;
    })().finally(() => {
      pending = undefined;
    });
    return await pending;
  }

  const via = <K extends Exclude<keyof RuntimeClient, "socket">>(method: K) =>
    (async (...args: unknown[]) => {
      const client = await resolve();
      if ("message" in client) return err(client);
      return await (client[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    }) as RuntimeClient[K];

  return {
    socket: options.socket,
    info: via("info"),
    list: via("list"),
    inspect: via("inspect"),
    start: via("start"),
    stop: via("stop"),
    restart: via("restart"),
    remove: via("remove"),
    logs: via("logs"),
    stats: via("stats"),
    events: via("events"),
  };
}
