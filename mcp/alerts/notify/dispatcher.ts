/**
 * Delivers queued notices to each channel on its own: one delivery run per channel at a time, so a slow or
 * failing channel holds up neither the watcher nor the other channels. At most `perMinute` sends per channel
 * per minute (the rest wait for the next run). A delivery is marked `sending` before it is tried, so after a
 * crash it is abandoned rather than sent twice (alert_store.ts).
 */
import type { Clock } from "../../core/clock.ts";
import type { AlertStore } from "../alert_store.ts";
import type { Channel } from "./notice.ts";
import { sendNotice, type SendOptions } from "./send.ts";

export interface DispatcherOptions {
  store: AlertStore;
  channels: readonly Channel[];
  clock: Clock;
  send: Omit<SendOptions, "fetch" | "sleep"> & Pick<SendOptions, "fetch" | "sleep">;
  /** @default 20 */
  perMinute?: number;
  log?: (line: string) => void;
}

export interface Dispatcher {
  /** Starts a delivery run on every idle channel; resolves when the runs it started end. Never throws. */
  flush(): Promise<void>;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const busy = new Map<string, Promise<void>>();
  const sentAt = new Map<string, number[]>();
  const perMinute = options.perMinute ?? 20;

  const run = async (channel: Channel) => {
    for (;;) {
      const now = options.clock.now();
      const recent = (sentAt.get(channel.key) ?? []).filter((t) => now - t < 60_000);
      sentAt.set(channel.key, recent);
      const room = perMinute - recent.length;
      if (room <= 0) return;
      const due = options.store.due(channel.key, now, room);
      if (due.length === 0) return;
      for (const delivery of due) {
        options.store.markDelivery(delivery.noticeId, channel.key, "sending", delivery.attempts, null, now);
        const outcome = await sendNotice(channel, delivery.notice, options.send);
        const at = options.clock.now();
        recent.push(at);
        options.store.markDelivery(
          delivery.noticeId,
          channel.key,
          outcome.ok ? "sent" : "failed",
          delivery.attempts + outcome.attempts,
          outcome.error,
          at,
        );
        if (!outcome.ok) options.log?.(`arr-mcp: notification to ${channel.label} failed: ${outcome.error}`);
      }
    }
  };

  return {
    async flush() {
      const runs = options.channels.map((channel) => {
        const running = busy.get(channel.key);
        if (running) return running;
        const started = run(channel).catch((e) => {
          options.log?.(`arr-mcp: notification run for ${channel.label} stopped: ${(e as Error).message}`);
        }).finally(() => busy.delete(channel.key));
        busy.set(channel.key, started);
        return started;
      });
      await Promise.all(runs);
    },
  };
}
