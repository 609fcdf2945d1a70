/**
 * The background preview (ARR_CLEANUP_PREVIEW_INTERVAL_H, default 6): every interval it previews Sonarr and
 * Radarr (each only when it and Plex are set up) with the default rules, so the dashboard's cleanup panel
 * shows a result at most one interval old without running a preview on a page load. The first comes two
 * minutes after start, never during it; a failure is logged and the loop goes on. Injected timers.
 */
import { messageOf, type Periodic, startPeriodic } from "../clients/runtime/store/periodic.ts";
import type { Timers } from "../clients/runtime/store/timers.ts";
import type { CleanupService } from "./cleanup_facts.ts";
import type { CleanupPreview } from "./preview.ts";

export const FIRST_PREVIEW_DELAY_MS = 120_000;
export const DEFAULT_PREVIEW_INTERVAL_H = 6;

export type CleanupPreviews = Periodic;

export function startCleanupPreviews(
  run: (service: CleanupService) => Promise<CleanupPreview | undefined>,
  options: { intervalHours: number; timers: Timers; log: (line: string) => void },
): CleanupPreviews {
  return startPeriodic(async (signal) => {
    for (const service of ["sonarr", "radarr"] as const) {
      if (signal.aborted) return;
      try {
        const preview = await run(service);
        if (preview !== undefined) options.log(describe(service, preview));
      } catch (e) {
        options.log(`arr-mcp: cleanup preview (${service}) failed: ${messageOf(e)}`);
      }
    }
  }, {
    firstDelayMs: FIRST_PREVIEW_DELAY_MS,
    intervalMs: options.intervalHours * 3_600_000,
    timers: options.timers,
    onError: (e) => options.log(`arr-mcp: cleanup preview failed: ${messageOf(e)}`),
  });
}

function describe(service: CleanupService, preview: CleanupPreview): string {
  return preview.unreadable.length > 0
    ? `arr-mcp: cleanup preview (${service}): could not read ${preview.unreadable.join("; ")}`
    : `arr-mcp: cleanup preview (${service}): ${preview.candidates.length} candidate(s), ` +
      `${preview.protected.length} protected`;
}
