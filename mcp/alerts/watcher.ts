/**
 * The background watcher: a check every `intervalMs` (the first one soon after start, never during it), on
 * injected timers. A check that is still running when the next one is due is joined, not doubled (the engine
 * does that); an exception is logged and the loop goes on.
 */
import { sleep, type Timers } from "../clients/runtime/store/timers.ts";
import type { AlertEngine } from "./engine.ts";

export interface Watcher {
  /** Stops the loop; resolves when the check in progress (if any) ends. */
  stop(): Promise<void>;
}

export interface WatcherOptions {
  intervalMs: number;
  timers: Timers;
  /** @default min(intervalMs, 30 s) */
  firstDelayMs?: number;
  log?: (line: string) => void;
}

export function startWatcher(engine: AlertEngine, options: WatcherOptions): Watcher {
  const abort = new AbortController();
  const loop = async () => {
    let delay = options.firstDelayMs ?? Math.min(options.intervalMs, 30_000);
    while (!abort.signal.aborted) {
      await sleep(options.timers, delay, abort.signal);
      if (abort.signal.aborted) return;
      try {
        await engine.checkNow();
      } catch (e) {
        options.log?.(`arr-mcp: alert check failed: ${e instanceof Error ? e.message : String(e)}`);
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
