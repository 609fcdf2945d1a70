/**
 * Wiring for main.ts: opens `alerts.db` in the data dir, builds the engine over the real sources and starts
 * the watcher. Nothing here blocks startup: the first check runs in the background.
 */
import { filesystemUsage } from "../fs/disk_usage.ts";
import { systemTimers, type Timers } from "../clients/runtime/store/timers.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import type { AlertConfig } from "./alert_config.ts";
import { openAlertStore } from "./open_alert_store.ts";
import { type CollectDeps, collectFacts } from "./collect.ts";
import { type AlertEngine, createAlertEngine } from "./engine.ts";
import { createDispatcher } from "./notify/dispatcher.ts";
import type { SendOptions } from "./notify/send.ts";
import { ALERT_RULES } from "./rules/mod.ts";
import { startWatcher, type Watcher } from "./watcher.ts";

export const ALERTS_DB_FILE = "alerts.db";

export interface AlertsStartOptions {
  /** @default `${deps.config.dataDir}/alerts.db` */
  dbPath?: string;
  /** @default systemTimers */
  timers?: Timers;
  /** Retry, backoff and timeout of deliveries; `fetch` defaults to deps.fetch. */
  send?: Partial<SendOptions>;
  /** Replaces statfs (tests). */
  usageOf?: CollectDeps["usageOf"];
  /** Do not start the background loop (tests drive checks with checkNow). */
  noWatcher?: boolean;
  firstDelayMs?: number;
  log?: (line: string) => void;
}

export interface StartedAlerts {
  engine: AlertEngine;
  /** Stops the watcher, waits for deliveries in flight and closes the database. */
  stop(): Promise<void>;
}

export async function startAlerts(
  deps: ToolDeps,
  config: AlertConfig,
  options: AlertsStartOptions = {},
): Promise<StartedAlerts> {
  const path = options.dbPath ?? `${deps.config.dataDir}/${ALERTS_DB_FILE}`;
  const store = await openAlertStore(path, deps.clock.now(), options.log ?? ((line) => console.log(line)));
  const timers = options.timers ?? systemTimers;
  const send: SendOptions = {
    fetch: deps.fetch,
    sleep: (ms) => new Promise((resolve) => timers.set(resolve, ms)),
    ...options.send,
  };
  const dispatcher = createDispatcher({
    store,
    channels: config.channels,
    clock: deps.clock,
    send,
    ...(options.log ? { log: options.log } : {}),
  });
  const engine = createAlertEngine({
    store,
    rules: ALERT_RULES,
    clock: deps.clock,
    channels: config.channels,
    dispatcher,
    send,
    quietHours: config.quietHours,
    collect: () =>
      collectFacts({
        media: deps.media,
        runtime: deps.runtime,
        containerStore: deps.containerStore,
        dirs: { mediaDir: deps.config.mediaDir, stacksDir: deps.config.stacksDir },
        usageOf: options.usageOf ?? filesystemUsage,
        now: () => deps.clock.now(),
      }),
  });
  const watcher: Watcher | undefined = options.noWatcher ? undefined : startWatcher(engine, {
    intervalMs: config.intervalSeconds * 1000,
    timers,
    ...(options.firstDelayMs !== undefined ? { firstDelayMs: options.firstDelayMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    engine,
    async stop() {
      await watcher?.stop();
      await engine.delivered();
      store.close();
    },
  };
}
