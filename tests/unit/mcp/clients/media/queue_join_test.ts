import type { QueueRecord } from "../../../../../mcp/clients/media/arr_schemas.ts";
import type { QbitTorrent } from "../../../../../mcp/clients/media/qbittorrent.ts";
import { joinQueue, parseClock } from "../../../../../mcp/clients/media/queue_join.ts";
import type { SabQueueSlot } from "../../../../../mcp/clients/media/sabnzbd_schemas.ts";
import { assertEquals } from "./_result_assert.ts";

const record = (over: Partial<QueueRecord>): QueueRecord =>
  ({
    id: 1,
    title: "Show.S01E01",
    status: "downloading",
    trackedDownloadStatus: "ok",
    trackedDownloadState: "downloading",
    ...over,
  }) as QueueRecord;

const torrent = (hash: string, state: string, over: Partial<QbitTorrent> = {}): QbitTorrent =>
  ({
    hash,
    name: "t",
    state,
    rawState: state,
    stateClass: "downloading",
    progress: 0.5,
    dlspeed: 1000,
    eta: 60,
    ...over,
  }) as QbitTorrent;

const slot = (nzo_id: string, status: string): SabQueueSlot =>
  ({
    nzo_id,
    status,
    percentage: 40,
    timeleft: "0:10:00",
  }) as SabQueueSlot;

Deno.test("joinQueue() matches qBittorrent hashes case-insensitively and SABnzbd nzo ids", () => {
  const joined = joinQueue("sonarr", [
    record({ id: 1, downloadId: "ABCDEF", protocol: "torrent" }),
    record({ id: 2, downloadId: "SABnzbd_nzo_x", protocol: "usenet" }),
  ], { qbittorrent: [torrent("abcdef", "downloading")], sabnzbd: [slot("SABnzbd_nzo_x", "Downloading")] });
  assertEquals(joined.map((j) => [j.client?.client, j.client?.id, j.flag]), [
    ["qbittorrent", "abcdef", "ok"],
    ["sabnzbd", "SABnzbd_nzo_x", "ok"],
  ]);
  assertEquals(joined[1]?.client?.etaSeconds, 600);
  assertEquals(joined[1]?.client?.progress, 0.4);
});

Deno.test("joinQueue() flags failed and stuck items with reasons", () => {
  const joined = joinQueue("radarr", [
    record({
      id: 1,
      trackedDownloadState: "importBlocked",
      trackedDownloadStatus: "warning",
      statusMessages: [{ title: "x", messages: ["No files found are eligible for import"] }],
    }),
    record({
      id: 2,
      trackedDownloadStatus: "error",
      errorMessage: "Download failed",
      trackedDownloadState: "failedPending",
    }),
    record({ id: 3, downloadId: "hash3", protocol: "torrent" }),
    record({ id: 4, downloadId: "hash4", protocol: "torrent" }),
    record({ id: 5, downloadId: "gone", protocol: "torrent" }),
    record({ id: 6, downloadId: "nzo6", protocol: "usenet" }),
  ], { qbittorrent: [torrent("hash3", "stalledDL"), torrent("hash4", "missingFiles")] });
  assertEquals(joined.map((j) => j.flag), ["stuck", "failed", "stuck", "failed", "stuck", "ok"]);
  assertEquals(joined[0]?.reasons, ["*arr state importBlocked: No files found are eligible for import"]);
  assertEquals(joined[1]?.reasons[0], "*arr state failedPending");
  assertEquals(joined[4]?.reasons, ["download gone not found in qBittorrent"]);
});

Deno.test("qbitItem() treats the 8640000 s ETA as unknown", () => {
  const joined = joinQueue("sonarr", [record({ downloadId: "h", protocol: "torrent" })], {
    qbittorrent: [torrent("h", "downloading", { eta: 8_640_000 })],
  });
  assertEquals(joined[0]?.client?.etaSeconds, null);
});

Deno.test("parseClock() reads SABnzbd H:MM:SS and D:HH:MM:SS", () => {
  assertEquals(parseClock("0:12:34"), 754);
  assertEquals(parseClock("1:02:03:04"), 93784);
  assertEquals(parseClock("unknown"), null);
  assertEquals(parseClock(""), null);
});
