/**
 * The time the state store and the stats sampler run on, injected so tests drive it by hand
 * (tests/unit/mcp/clients/runtime/store/_manual_time.ts). Structurally the same as toolkit's Clock.
 */

export interface StoreClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Whatever `set` answered; only `clear` looks inside. */
export type TimerHandle = unknown;

export interface Timers {
  /** Calls `fn` once after `ms`; answers a handle for `clear`. */
  set(fn: () => void, ms: number): TimerHandle;
  /** Ignores handles that already fired or were cleared, and `undefined`. */
  clear(handle: TimerHandle): void;
}

export const systemTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

/** Resolves after `ms` (at once for 0), or when `signal` aborts. */
export function sleep(timers: Timers, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      timers.clear(handle);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const handle = timers.set(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
