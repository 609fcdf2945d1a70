/**
 * The container state store (docs/state-store.md): lists containers once, then follows the runtime's event
 * stream and re-reads only the containers events name. Readers get memory, never a runtime call. On a
 * dropped or stalled stream it reconnects with backoff and re-lists; a periodic re-list repairs drift. Time
 * and timers are injected; this file holds the connection's life cycle and the reader API.
 */
import { err, ok } from "../../../../shared/result.ts";
import type { ContainerSummary, RuntimeClient, RuntimeError, RuntimeResult } from "../client.ts";
import { backoffDelay, type BackoffOptions } from "./backoff.ts";
import { followEvents } from "./event_follower.ts";
import type { EventSource } from "./events_source.ts";
import { StoreSync } from "./store_sync.ts";
import type { ContainerStateStore, StoreState, StoreStatus, StoreView } from "./store_types.ts";
import { sleep, type StoreClock, systemTimers, type TimerHandle, type Timers } from "./timers.ts";
import { Waiters } from "./waiters.ts";

export interface StateStoreOptions {
  /** list (with `ids`) and inspect; the same client the tools use. */
  runtime: Pick<RuntimeClient, "list" | "inspect">;
  events: EventSource;
  clock: StoreClock;
  /** @default systemTimers */
  timers?: Timers;
  /** Full re-list while live, to repair drift. @default 60_000 */
  resyncIntervalMs?: number;
  /** Silence after which the stream is presumed dead and reopened. @default 300_000 */
  stallTimeoutMs?: number;
  /** How long a reader waits for a resync before answering `timeout`. @default 5_000 */
  readTimeoutMs?: number;
  /** @default 8 */
  inspectConcurrency?: number;
  /** Second inspect after a Podman health event (see store_sync.ts). @default 1_000 */
  healthRecheckMs?: number;
  /** Reconnect delays; a connection live this long resets them (default: backoff's maximum). */
  backoff?: BackoffOptions;
}

export const STORE_NOT_STARTED: RuntimeError = {
  kind: "unavailable",
  message: "The container state store is not started",
};
export const STORE_STOPPED: RuntimeError = {
  kind: "unavailable",
  message: "The container state store is stopped",
};

export function createStateStore(options: StateStoreOptions): ContainerStateStore {
  const { clock, events } = options;
  const timers = options.timers ?? systemTimers;
  const resyncIntervalMs = options.resyncIntervalMs ?? 60_000;
  const stallTimeoutMs = options.stallTimeoutMs ?? 300_000;
  const readTimeoutMs = options.readTimeoutMs ?? 5_000;
  const stableMs = options.backoff?.maxMs ?? 30_000;

  const waiters = new Waiters(timers);
  let state: StoreState = "down";
  let since = clock.now();
  let failure: RuntimeError = STORE_NOT_STARTED;
  let lastError: string | null = null;
  /** When the data was last known current (left `live`); null before the first list. */
  let currentUntil: number | null = null;
  let drops = 0;
  let stopper: AbortController | null = null;
  let loop: Promise<void> | null = null;
  /** The open connection: aborting it makes the store reconnect and re-list. */
  let connection: { abort(reason: string): void } | null = null;

  const sync = new StoreSync({
    runtime: options.runtime,
    clock,
    inspectConcurrency: options.inspectConcurrency ?? 8,
    timers,
    healthRecheckMs: options.healthRecheckMs ?? 1_000,
    onChange: () => waiters.notify(),
    onRefreshFailed: (e) => connection?.abort(e.message),
  });

  function enter(next: StoreState, error?: RuntimeError): void {
    if (state === "live" && next !== "live") currentUntil = clock.now();
    if (error !== undefined) {
      failure = error;
      lastError = error.message;
    }
    if (state !== next) {
      state = next;
      since = clock.now();
    }
    waiters.notify();
  }

  async function run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      const outcome = await connectOnce(signal);
      if (signal.aborted) break;
      if (outcome.ok) {
        drops++;
        attempt = clock.now() - outcome.value.liveSince >= stableMs ? 0 : attempt + 1;
        enter("resyncing", { kind: "unreachable", message: outcome.value.reason });
      } else {
        attempt++;
        enter("down", outcome.error);
      }
      await sleep(timers, backoffDelay(attempt, options.backoff), signal);
    }
    sync.dispose();
    enter("down", STORE_STOPPED);
  }

  /** One connection: open the stream, list, stay live until it drops. Errors mean it never became live. */
  async function connectOnce(
    signal: AbortSignal,
  ): Promise<RuntimeResult<{ liveSince: number; reason: string }>> {
    const conn = new AbortController();
    let reason: string | null = null;
    const abort = (why: string) => {
      reason ??= why;
      conn.abort();
    };
    const onStop = () => abort("The container state store is stopped");
    signal.addEventListener("abort", onStop, { once: true });
    try {
      sync.counters.runtimeCalls++;
      const opened = await events.open(conn.signal);
      if (!opened.ok) return opened;
      // Events that arrive while listing are applied after it (sequence numbers order them).
      const following = followEvents(opened.value, conn.signal, {
        timers,
        stallTimeoutMs,
        onLine: (line) => sync.applyLine(line),
        onOverlong: (n) => void (sync.counters.junkLines += n),
      });
      const listed = await sync.relist("full");
      if (!listed.ok || conn.signal.aborted) {
        abort("The event stream closed while listing");
        const ended = await following;
        return err(listed.ok ? { kind: "unreachable", message: reason ?? ended } : listed.error);
      }
      const liveSince = clock.now();
      connection = { abort };
      enter("live");
      const periodic = schedulePeriodic(abort);
      const ended = await following;
      periodic.cancel();
      connection = null;
      return ok({ liveSince, reason: reason ?? ended });
    } finally {
      signal.removeEventListener("abort", onStop);
    }
  }

  /** Re-lists every `resyncIntervalMs` while live; a failed list ends the connection. */
  function schedulePeriodic(abort: (why: string) => void): { cancel(): void } {
    let handle: TimerHandle;
    let cancelled = false;
    const tick = async () => {
      const r = await sync.relist("drift");
      if (cancelled) return;
      if (!r.ok) abort(r.error.message);
      else handle = timers.set(tick, resyncIntervalMs);
    };
    handle = timers.set(tick, resyncIntervalMs);
    return {
      cancel() {
        cancelled = true;
        timers.clear(handle);
      },
    };
  }

  /** Live: go. Resyncing: wait (bounded). Down: the runtime's error, not old data. */
  async function ready(): Promise<RuntimeResult<void>> {
    if (state === "resyncing") await waiters.wait(() => state !== "resyncing", readTimeoutMs);
    if (state === "live") return ok(undefined);
    if (state === "down") return err(failure);
    return err({
      kind: "timeout",
      message: `Cannot read containers: the state store is still re-listing after ${readTimeoutMs} ms`,
    });
  }

  const view: StoreView = {
    list: (opts) => sync.table.summaries(opts),
    get: (idOrName) => sync.table.find(idOrName),
  };

  return {
    start(signal) {
      if (loop !== null) return;
      stopper = new AbortController();
      const own = stopper;
      signal?.addEventListener("abort", () => own.abort(), { once: true });
      if (signal?.aborted) own.abort();
      enter("resyncing");
      loop = run(own.signal).catch((e) => {
        enter("down", {
          kind: "unreachable",
          message: `The container state store failed: ${(e as Error).message}`,
        });
      });
    },
    async stop() {
      stopper?.abort();
      await loop;
      loop = null;
      stopper = null;
    },
    async list(opts = {}): Promise<RuntimeResult<ContainerSummary[]>> {
      const r = await ready();
      return r.ok ? ok(sync.table.summaries(opts)) : r;
    },
    async get(idOrName) {
      const r = await ready();
      if (!r.ok) return r;
      const entry = sync.table.find(idOrName);
      if (entry !== undefined) return ok(entry);
      return err({ kind: "not_found", message: `Cannot find container "${idOrName}": no such container` });
    },
    status(): StoreStatus {
      const now = clock.now();
      const { counters } = sync;
      return {
        state,
        since,
        ageMs: state === "live" ? 0 : currentUntil === null ? null : now - currentUntil,
        containers: sync.table.size,
        eventsApplied: counters.eventsApplied,
        eventsIgnored: counters.eventsIgnored,
        junkLines: counters.junkLines,
        driftRepaired: counters.driftRepaired,
        resyncs: counters.resyncs,
        drops,
        runtimeCalls: counters.runtimeCalls,
        lastListAt: counters.lastListAt,
        lastEventAt: counters.lastEventAt,
        lastError,
      };
    },
    waitFor(predicate, timeoutMs) {
      return waiters.wait(() => predicate(view), timeoutMs);
    },
    async refresh(idOrName) {
      const r = await ready();
      if (!r.ok) return r;
      let id = sync.table.find(idOrName)?.summary.id;
      if (id === undefined) {
        sync.counters.runtimeCalls++;
        const found = await options.runtime.inspect(idOrName);
        // Unknown to the runtime as well: there is nothing to hold.
        if (!found.ok) return found.error.kind === "not_found" ? ok(undefined) : found;
        id = found.value.id;
      }
      return await sync.refresh(id);
    },
  };
}
