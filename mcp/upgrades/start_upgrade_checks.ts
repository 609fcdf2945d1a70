/**
 * The background upgrade check (ARR_UPGRADE_CHECK_INTERVAL_H): every interval it checks afresh (registries
 * asked again), so upgrades_list answers from a report at most one interval old without waiting. The first
 * check comes a minute after start, never during it; a failure is logged and the loop goes on. Injected timers.
 */
import { messageOf, type Periodic, startPeriodic } from "../clients/runtime/store/periodic.ts";
import type { Timers } from "../clients/runtime/store/timers.ts";
import type { UpgradeService } from "./upgrade_service.ts";

export const FIRST_CHECK_DELAY_MS = 60_000;

export type UpgradeChecks = Periodic;

export function startUpgradeChecks(
  service: UpgradeService,
  options: { intervalHours: number; timers: Timers; log: (line: string) => void },
): UpgradeChecks {
  return startPeriodic(async () => {
    const r = await service.list(true);
    options.log(
      r.ok
        ? `arr-mcp: upgrade check: ${r.value.upgrades.length} upgrade(s), ${r.value.errors.length} not checked`
        : `arr-mcp: upgrade check failed: ${r.error.message}`,
    );
  }, {
    firstDelayMs: FIRST_CHECK_DELAY_MS,
    intervalMs: options.intervalHours * 3_600_000,
    timers: options.timers,
    onError: (e) => options.log(`arr-mcp: upgrade check failed: ${messageOf(e)}`),
  });
}
