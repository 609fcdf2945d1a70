/**
 * A background job every `intervalMs` on injected timers: the first run after `firstDelayMs` (so never during
 * startup), runs never overlap (the next wait starts when a run ends), a thrown error goes to `onError` and the
 * loop goes on, and `stop()` resolves once the run in progress (if any) has ended. The alert watcher, the
 * upgrade check and the cleanup preview all run on it.
 */
import { sleep, type Timers } from "./timers.ts";

export interface Periodic {
  /** Stops the loop; resolves when the run in progress (if any) ends. */
  stop(): Promise<void>;
}

export interface PeriodicOptions {
  firstDelayMs: number;
  intervalMs: number;
  timers: Timers;
  onError: (error: unknown) => void;
}

/** `run` gets the stop signal, so a job of several parts can end between them. */
export function startPeriodic(
  run: (signal: AbortSignal) => Promise<void>,
  options: PeriodicOptions,
): Periodic {
  const abort = new AbortController();
  const loop = async () => {
    let delay = options.firstDelayMs;
    while (!abort.signal.aborted) {
      await sleep(options.timers, delay, abort.signal);
      if (abort.signal.aborted) return;
      try {
        await run(abort.signal);
      } catch (e) {
        options.onError(e);
      }
      delay = options.intervalMs;
    }
  };
  const done = loop();
  return {
    async stop() {
      abort.abort();
      await done;
    },
  };
}

/** An error's message for a log line. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
