/**
 * The state store and stats sampler for one runtime socket, wired as in production: events through a
 * streaming fetch (unixStreamFetch), list and inspect through the given RuntimeClient, stats through the
 * plain socket fetch. Not started: the entry point calls `store.start()`.
 */
import { ok } from "../../../../shared/result.ts";
import type { RuntimeClient } from "../client.ts";
import { runtimeEventSource, type StreamFetch } from "./events_source.ts";
import { createStateStore, type StateStoreOptions } from "./state_store.ts";
import { createStatsSampler, type StatsSampler } from "./stats_sampler.ts";
import { type FetchAll, runtimeStatsSource } from "./stats_source.ts";
import type { ContainerStateStore } from "./store_types.ts";
import type { StoreClock } from "./timers.ts";

export interface ContainerStoreForOptions {
  socket: string;
  runtime: RuntimeClient;
  /** Whole-body fetch on the socket (unixSocketFetch), for the stats call. */
  fetch: FetchAll;
  /** Streaming fetch on the socket (unixStreamFetch, mcp/clients/unix/http1_stream.ts), for events. */
  streamFetch: StreamFetch;
  clock: StoreClock;
  /** Overrides of the store's defaults (intervals, timeouts). */
  store?: Partial<Omit<StateStoreOptions, "runtime" | "events" | "clock">>;
  /** Ms between stats samples (ARR_STATS_INTERVAL_S). @default STATS_INTERVAL_S */
  statsIntervalMs?: number;
}

export function containerStoreFor(
  options: ContainerStoreForOptions,
): { store: ContainerStateStore; sampler: StatsSampler } {
  const { socket, runtime, clock } = options;
  const store = createStateStore({
    runtime,
    events: runtimeEventSource({ fetch: options.streamFetch, socket }),
    clock,
    ...options.store,
  });
  const sampler = createStatsSampler({
    source: runtimeStatsSource({
      fetch: options.fetch,
      socket,
      runtime,
      runningIds: async () => {
        const running = await store.list({ all: false });
        return running.ok ? ok(running.value.map((c) => c.id)) : running;
      },
    }),
    clock,
    ...(options.statsIntervalMs === undefined ? {} : { intervalMs: options.statsIntervalMs }),
  });
  return { store, sampler };
}
