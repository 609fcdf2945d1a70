import assert from "node:assert/strict";
import { manualTime } from "../clients/runtime/store/_manual_time.ts";
import {
  FIRST_PREVIEW_DELAY_MS,
  startCleanupPreviews,
} from "../../../../mcp/cleanup/start_cleanup_previews.ts";
import { emptyPreview } from "../../../../mcp/cleanup/preview.ts";

const empty = (service: "sonarr" | "radarr") =>
  emptyPreview(service, service === "radarr" ? ["Plex accounts (/accounts): HTTP 500"] : []);

Deno.test("startCleanupPreviews() previews two minutes after start, then every interval, and stops", async () => {
  const time = manualTime();
  const runs: string[] = [];
  const lines: string[] = [];
  const previews = startCleanupPreviews((service) => {
    runs.push(service);
    return Promise.resolve(empty(service));
  }, { intervalHours: 6, timers: time.timers, log: (l) => lines.push(l) });
  await time.advance(FIRST_PREVIEW_DELAY_MS - 1);
  assert.deepEqual(runs, [], "nothing during start");
  await time.advance(1);
  assert.deepEqual(runs, ["sonarr", "radarr"]);
  await time.advance(6 * 3_600_000);
  assert.deepEqual(runs, ["sonarr", "radarr", "sonarr", "radarr"]);
  assert.deepEqual(lines.slice(0, 2), [
    "arr-mcp: cleanup preview (sonarr): 0 candidate(s), 0 protected",
    "arr-mcp: cleanup preview (radarr): could not read Plex accounts (/accounts): HTTP 500",
  ]);
  await previews.stop();
  await time.advance(24 * 3_600_000);
  assert.equal(runs.length, 4, "stopped");
  assert.equal(time.pending(), 0);
});
