/**
 * The background upgrade check (ARR_UPGRADE_CHECK_INTERVAL_H): every interval it checks afresh (registries
 * asked again), so upgrades_list answers from a report at most one interval old without waiting. The first
 * check comes a minute after start, never during it; a failure is logged and the loop goes on. Injected timers.
 */
import { sleep, type Timers } from "../clients/runtime/store/timers.ts";
import type { UpgradeService } from "./upgrade_service.ts";

export const FIRST_CHECK_DELAY_MS = 60_000;

export interface UpgradeChecks {
  /** Stops the loop; resolves when the check in progress (if any) ends. */
  stop(): Promise<void>;
}

export function startUpgradeChecks(
  service: UpgradeService,
  options: { intervalHours: number; timers: Timers; log: (line: string) => void },
): UpgradeChecks {
  const abort = new AbortController();
  const loop = async () => {
    let delay = FIRST_CHECK_DELAY_MS;
    while (!abort.signal.aborted) {
      await sleep(options.timers, delay, abort.signal);
      if (abort.signal.aborted) return;
      const r = await service.list(true);
      options.log(
        r.ok
          ? `arr-mcp: upgrade check: ${r.value.upgrades.length} upgrade(s), ${r.value.errors.length} not checked`
          : `arr-mcp: upgrade check failed: ${r.error.message}`,
      );
      delay = options.intervalHours * 3_600_000;
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
