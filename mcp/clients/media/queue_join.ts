/**
 * Joins the *arr queues with the download clients' own view of each download (by downloadId: SABnzbd's nzo_id,
 * qBittorrent's info hash) and flags items that are failed or stuck. Pure: data in, data out.
 */
import type { QueueRecord } from "./arr_schemas.ts";
import type { QbitTorrent } from "./qbittorrent.ts";
import type { SabQueueSlot } from "./sabnzbd_schemas.ts";
import { QBIT_INFINITE_ETA } from "./qbittorrent_schemas.ts";

export type QueueFlag = "ok" | "stuck" | "failed";

export interface ClientItem {
  client: "sabnzbd" | "qbittorrent";
  id: string;
  state: string;
  progress: number;
  /** Seconds, when the client knows. */
  etaSeconds: number | null;
  speedBytesPerSecond: number | null;
}

export interface JoinedQueueItem {
  service: string;
  id: number;
  title: string;
  status: string | null;
  trackedDownloadState: string | null;
  trackedDownloadStatus: string | null;
  downloadId: string | null;
  protocol: string | null;
  downloadClient: string | null;
  sizeBytes: number | null;
  leftBytes: number | null;
  client: ClientItem | null;
  flag: QueueFlag;
  reasons: string[];
}

export interface DownloadClientView {
  sabnzbd?: readonly SabQueueSlot[];
  qbittorrent?: readonly QbitTorrent[];
}

export function sabItem(slot: SabQueueSlot): ClientItem {
  return {
    client: "sabnzbd",
    id: slot.nzo_id,
    state: slot.status ?? "unknown",
    progress: (slot.percentage ?? 0) / 100,
    etaSeconds: parseClock(slot.timeleft ?? ""),
    speedBytesPerSecond: null,
  };
}

export function qbitItem(torrent: QbitTorrent): ClientItem {
  const eta = torrent.eta ?? null;
  return {
    client: "qbittorrent",
    id: torrent.hash,
    state: torrent.state,
    progress: torrent.progress,
    etaSeconds: eta === null || eta >= QBIT_INFINITE_ETA ? null : eta,
    speedBytesPerSecond: torrent.dlspeed ?? null,
  };
}

/** "1:02:03" or "2:01:02:03" → seconds; null when unparsable. */
export function parseClock(text: string): number | null {
  const parts = text.trim().split(":");
  if (parts.length < 2 || parts.length > 4 || parts.some((p) => !/^\d+$/.test(p))) return null;
  return parts.map(Number).reduce((total, part, i) => {
    const unit = [1, 60, 3600, 86400].slice(0, parts.length).reverse()[i] ?? 0;
    return total + part * unit;
  }, 0);
}

export function joinQueue(
  service: string,
  records: readonly QueueRecord[],
  clients: DownloadClientView,
): JoinedQueueItem[] {
  const byId = new Map<string, ClientItem>();
  for (const slot of clients.sabnzbd ?? []) byId.set(slot.nzo_id.toLowerCase(), sabItem(slot));
  for (const torrent of clients.qbittorrent ?? []) byId.set(torrent.hash.toLowerCase(), qbitItem(torrent));
  const known = { sabnzbd: clients.sabnzbd !== undefined, qbittorrent: clients.qbittorrent !== undefined };
  return records.map((record) => {
    const client = record.downloadId ? byId.get(record.downloadId.toLowerCase()) ?? null : null;
    const { flag, reasons } = assess(record, client, known);
    return {
      service,
      id: record.id,
      title: record.title ?? "",
      status: record.status ?? null,
      trackedDownloadState: record.trackedDownloadState ?? null,
      trackedDownloadStatus: record.trackedDownloadStatus ?? null,
      downloadId: record.downloadId ?? null,
      protocol: record.protocol ?? null,
      downloadClient: record.downloadClient ?? null,
      sizeBytes: record.size ?? null,
      leftBytes: record.sizeleft ?? null,
      client,
      flag,
      reasons,
    };
  });
}

const FAILED_STATES = new Set(["failed", "failedPending"]);
const STUCK_STATES = new Set(["importBlocked", "importPending"]);

function assess(
  record: QueueRecord,
  client: ClientItem | null,
  known: { sabnzbd: boolean; qbittorrent: boolean },
): { flag: QueueFlag; reasons: string[] } {
  const failed: string[] = [];
  const stuck: string[] = [];
  const messages = (record.statusMessages ?? []).flatMap((m) => m.messages ?? []).slice(0, 3);
  if (record.status === "failed" || FAILED_STATES.has(record.trackedDownloadState ?? "")) {
    failed.push(`*arr state ${record.trackedDownloadState ?? record.status}`);
  }
  if (record.trackedDownloadStatus === "error") failed.push(record.errorMessage || "*arr reports an error");
  if (STUCK_STATES.has(record.trackedDownloadState ?? "")) {
    stuck.push(
      `*arr state ${record.trackedDownloadState}${messages.length ? `: ${messages.join("; ")}` : ""}`,
    );
  }
  if (record.trackedDownloadStatus === "warning" && stuck.length === 0) {
    stuck.push(messages.length ? messages.join("; ") : record.errorMessage || "*arr reports a warning");
  }
  if (record.status === "downloadClientUnavailable") stuck.push("download client unavailable");
  if (client) {
    if (client.client === "qbittorrent") {
      if (client.state === "error" || client.state === "missingFiles") {
        failed.push(`qBittorrent state ${client.state}`);
      }
      if (client.state === "stalledDL") stuck.push("qBittorrent: stalled (no peers sending data)");
      if (client.state === "stoppedDL") stuck.push("qBittorrent: stopped before completion");
      if (client.state === "metaDL" && client.speedBytesPerSecond === 0) {
        stuck.push("qBittorrent: waiting for metadata");
      }
    } else if (client.state === "Failed") {
      failed.push("SABnzbd: job failed");
    } else if (client.state === "Paused") {
      stuck.push("SABnzbd: job paused");
    }
  } else if (record.downloadId && clientKnown(record, known) && record.trackedDownloadState !== "imported") {
    stuck.push(
      `download ${record.downloadId} not found in ${
        record.protocol === "torrent" ? "qBittorrent" : "SABnzbd"
      }`,
    );
  }
  if (failed.length) return { flag: "failed", reasons: [...failed, ...stuck] };
  if (stuck.length) return { flag: "stuck", reasons: stuck };
  return { flag: "ok", reasons: [] };
}

function clientKnown(record: QueueRecord, known: { sabnzbd: boolean; qbittorrent: boolean }): boolean {
  if (record.protocol === "torrent") return known.qbittorrent;
  if (record.protocol === "usenet") return known.sabnzbd;
  return false;
}
