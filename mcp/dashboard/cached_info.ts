/**
 * A RuntimeClient whose `info()` answer is reused for a while. Podman's /info takes 0.4–2.5 s here (it
 * gathers host facts) and the dashboard asks every 10 s; version and rootless mode do not change that often.
 * Failures are never cached, so a runtime that comes back shows up on the next refresh.
 */
import type { RuntimeClient, RuntimeInfo, RuntimeResult } from "../clients/runtime/client.ts";
import type { Clock } from "../core/clock.ts";

/** @default 60 s */
export const INFO_TTL_MS = 60_000;

export function withCachedInfo(runtime: RuntimeClient, clock: Clock, ttlMs = INFO_TTL_MS): RuntimeClient {
  let cached: { at: number; value: RuntimeResult<RuntimeInfo> } | undefined;
  let pending: Promise<RuntimeResult<RuntimeInfo>> | undefined;
  const info = async (): Promise<RuntimeResult<RuntimeInfo>> => {
    if (cached !== undefined && clock.now() - cached.at < ttlMs) return cached.value;
    pending ??= runtime.info().then((value) => {
      cached = value.ok ? { at: clock.now(), value } : undefined;
      return value;
    }).finally(() => {
      pending = undefined;
    });
    return await pending;
  };
  return {
    get socket() {
      return runtime.socket;
    },
    info,
    list: (o) => runtime.list(o),
    inspect: (n) => runtime.inspect(n),
    start: (n) => runtime.start(n),
    stop: (n, o) => runtime.stop(n, o),
    restart: (n, o) => runtime.restart(n, o),
    remove: (n, o) => runtime.remove(n, o),
    logs: (n, o) => runtime.logs(n, o),
    stats: (n) => runtime.stats(n),
    events: (o) => runtime.events(o),
  };
}
