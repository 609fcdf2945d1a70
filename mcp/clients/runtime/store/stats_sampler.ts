/**
 * Stats are not events: CPU and memory must be sampled. The sampler takes one sample of all running
 * containers (one API call on Podman) at most once per interval, gives that one sample to every reader,
 * keeps sampling in the background only while someone read within `idleMs`, and stops when nobody does.
 */
import type { RuntimeResult } from "../client.ts";
import type { StatsEntry, StatsSource } from "./stats_source.ts";
import { type StoreClock, systemTimers, type TimerHandle, type Timers } from "./timers.ts";

/** Seconds between stats samples by default (ARR_STATS_INTERVAL_S). */
export const STATS_INTERVAL_S = 60;

export interface StatsSample {
  /** Clock time the answer arrived. */
  sampledAt: number;
  entries: readonly StatsEntry[];
  byId: ReadonlyMap<string, StatsEntry>;
}

export interface StatsSampler {
  /** The latest sample if it is younger than the interval, else a new one (shared with concurrent readers). */
  read(): Promise<RuntimeResult<StatsSample>>;
  /** Samples taken so far (for tests and status). */
  readonly samples: number;
  /** At most one sample per this many ms. */
  readonly intervalMs: number;
  /** When the latest good sample arrived (clock ms); null before the first. */
  readonly sampledAt: number | null;
  /** Cancels background sampling. */
  stop(): void;
}

export interface StatsSamplerOptions {
  source: StatsSource;
  clock: StoreClock;
  /** @default systemTimers */
  timers?: Timers;
  /**
   * At most one sample per this many ms. @default STATS_INTERVAL_S (ARR_STATS_INTERVAL_S): one sample of all
   * running containers costs Podman about 1 ms of CPU per container, more than anything else the store does.
   */
  intervalMs?: number;
  /** Background sampling stops this long after the last read. @default 30_000 */
  idleMs?: number;
}

export function createStatsSampler(options: StatsSamplerOptions): StatsSampler {
  const { source, clock } = options;
  const timers = options.timers ?? systemTimers;
  const intervalMs = options.intervalMs ?? STATS_INTERVAL_S * 1000;
  const idleMs = options.idleMs ?? 30_000;
  let latest: { startedAt: number; value: RuntimeResult<StatsSample> } | null = null;
  let inFlight: Promise<RuntimeResult<StatsSample>> | null = null;
  let lastReadAt = -Infinity;
  let samples = 0;
  let timer: TimerHandle;
  let stopped = false;

  function sample(): Promise<RuntimeResult<StatsSample>> {
    timers.clear(timer);
    const startedAt = clock.now();
    samples++;
    inFlight = source().then((r): RuntimeResult<StatsSample> => {
      const value: RuntimeResult<StatsSample> = r.ok
        ? {
          ok: true,
          value: { sampledAt: clock.now(), entries: r.value, byId: new Map(r.value.map((e) => [e.id, e])) },
        }
        : r;
      latest = { startedAt, value };
      inFlight = null;
      // Keep the next sample ready while readers are around.
      if (!stopped && clock.now() - lastReadAt < idleMs) {
        timer = timers.set(() => void sample(), Math.max(0, startedAt + intervalMs - clock.now()));
      }
      return value;
    });
    return inFlight;
  }

  return {
    read() {
      lastReadAt = clock.now();
      if (inFlight !== null) return inFlight;
      if (latest !== null && clock.now() - latest.startedAt < intervalMs) {
        return Promise.resolve(latest.value);
      }
      return sample();
    },
    get samples() {
      return samples;
    },
    intervalMs,
    get sampledAt() {
      const value = latest?.value;
      return value?.ok ? value.value.sampledAt : null;
    },
    stop() {
      stopped = true;
      timers.clear(timer);
    },
  };
}
