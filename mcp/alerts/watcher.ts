/**
 * The background watcher: a check every `intervalMs` (the first one soon after start, never during it), on
 * injected timers. A check that is still running when the next one is due is joined, not doubled (the engine
 * does that); an exception is logged and the loop goes on.
 */
import { messageOf, type Periodic, startPeriodic } from "../clients/runtime/store/periodic.ts";
import type { Timers } from "../clients/runtime/store/timers.ts";
import type { AlertEngine } from "./engine.ts";

export type Watcher = Periodic;

export interface WatcherOptions {
  intervalMs: number;
  timers: Timers;
  /** @default min(intervalMs, 30 s) */
  firstDelayMs?: number;
  log?: (line: string) => void;
}

export function startWatcher(engine: AlertEngine, options: WatcherOptions): Watcher {
  return startPeriodic(async () => void await engine.checkNow(), {
    firstDelayMs: options.firstDelayMs ?? Math.min(options.intervalMs, 30_000),
    intervalMs: options.intervalMs,
    timers: options.timers,
    onError: (e) => options.log?.(`arr-mcp: alert check failed: ${messageOf(e)}`),
  });
}
