/** A clock and timers driven by hand: `advance(ms)` fires what falls due, in order, letting promises settle. */
import type { StoreClock, TimerHandle, Timers } from "../../../../../../mcp/clients/runtime/store/timers.ts";

export interface ManualTime {
  clock: StoreClock;
  timers: Timers;
  /** Moves time forward, firing due timers one by one and letting the store react to each. */
  advance(ms: number): Promise<void>;
  /** Lets pending promise chains (and real I/O callbacks) run without moving time. */
  settle(): Promise<void>;
  /** Timers not yet fired or cleared. */
  pending(): number;
}

export function manualTime(start = Date.UTC(2026, 10, 22, 4, 0, 0)): ManualTime {
  let now = start;
  let nextId = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const settle = async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
  };
  return {
    clock: { now: () => now },
    timers: {
      set(fn, ms): TimerHandle {
        const id = nextId++;
        due.set(id, { at: now + ms, fn });
        return id;
      },
      clear(handle) {
        if (typeof handle === "number") due.delete(handle);
      },
    },
    async advance(ms) {
      const end = now + ms;
      await settle();
      while (true) {
        let first: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of due) {
          if (entry[1].at <= end && (first === undefined || entry[1].at < first[1].at)) first = entry;
        }
        if (first === undefined) break;
        due.delete(first[0]);
        now = Math.max(now, first[1].at);
        first[1].fn();
        await settle();
      }
      now = end;
      await settle();
    },
    settle,
    pending: () => due.size,
  };
}
