import assert from "node:assert/strict";
import type { QbitTorrent } from "../../../../mcp/clients/media/qbittorrent.ts";
import { problemItems } from "../../../../mcp/media/download_problems.ts";
import type { DownloadProgress } from "../../../../mcp/toolkit/alerts_port.ts";

const NO_SIZE = { mb: undefined, mbleft: undefined, time_added: undefined };
const NOW = Date.UTC(2026, 10, 22, 12, 0);
const torrent = (hash: string, state: string, more: Partial<QbitTorrent> = {}): QbitTorrent => ({
  hash,
  name: `Name ${hash}`,
  state,
  rawState: state,
  stateClass: "other",
  progress: 0.4,
  ...more,
});

Deno.test("download_clients names stalled, errored, stuck and failed items with the time since progress", () => {
  const watched = new Map<string, DownloadProgress>([
    ["aa", { lastProgressAt: NOW - 600_000, strikes: 2 }],
    ["bb", { lastProgressAt: NOW - 60_000, strikes: 0 }],
    ["nzo_2", { lastProgressAt: null, strikes: 3 }],
  ]);
  const items = problemItems({
    torrents: [
      torrent("AA", "downloading"),
      torrent("bb", "downloading"),
      torrent("cc", "stalledDL", { last_activity: (NOW - 3_600_000) / 1000 }),
      torrent("dd", "missingFiles"),
      torrent("ee", "stoppedDL"),
      torrent("ff", "uploading", { progress: 1 }),
    ],
    slots: [
      { nzo_id: "nzo_1", filename: "Failed.Job", status: "Failed", percentage: 100, ...NO_SIZE },
      { nzo_id: "NZO_2", filename: "Slow.Job", status: "Downloading", percentage: 12, ...NO_SIZE },
      { nzo_id: "nzo_3", filename: "Queued.Job", status: "Queued", percentage: 0, ...NO_SIZE },
    ],
  }, { now: NOW, progress: { of: (id) => watched.get(id) } });
  assert.deepEqual(items.map((i) => [i.id, i.problem, i.seconds_since_progress]), [
    ["AA", "stuck", 600],
    ["cc", "stalled", 3600],
    ["dd", "errored", null],
    ["nzo_1", "failed", null],
    ["NZO_2", "stuck", null],
  ]);
  // Without the watcher, only what the clients say: no "stuck".
  assert.deepEqual(
    problemItems({ torrents: [torrent("AA", "downloading")], slots: [] }, { now: NOW }).length,
    0,
  );
});
