/**
 * Download-client items and *arr queue records → one DownloadFact per download (joined by download id, the way
 * mcp/clients/media/queue_join.ts joins them). Pure.
 */
import type { QueueRecord } from "../clients/media/arr_schemas.ts";
import type { QbitTorrent } from "../clients/media/qbittorrent.ts";
import type { SabQueueSlot } from "../clients/media/sabnzbd_schemas.ts";
import { type DownloadClientView, type JoinedQueueItem, joinQueue } from "../clients/media/queue_join.ts";
import type { ArrQueueFact, DownloadFact } from "./facts.ts";

const MIB = 1024 ** 2;
/** qBittorrent states that wait on purpose (or on the user): no strikes. */
const QBIT_WAITING = new Set(["queuedDL", "stoppedDL", "checkingDL", "checkingResumeData", "moving"]);
const QBIT_BROKEN = new Set(["error", "missingFiles"]);
const SAB_WAITING = new Set(["Paused", "Queued", "Propagating", "Checking", "Grabbing"]);

export function torrentFact(t: QbitTorrent): DownloadFact | null {
  if (t.progress >= 1 && !QBIT_BROKEN.has(t.state)) return null;
  const total = t.size ?? t.total_size ?? null;
  const done = total === null
    ? null
    : t.amount_left !== null && t.amount_left !== undefined
    ? Math.max(0, total - t.amount_left)
    : Math.round(total * t.progress);
  return {
    subject: t.hash.toLowerCase(),
    name: t.name,
    client: "qbittorrent",
    state: t.state,
    doneBytes: done,
    totalBytes: total,
    waiting: QBIT_WAITING.has(t.state),
    arr: null,
  };
}

export function sabFact(slot: SabQueueSlot, paused: boolean): DownloadFact {
  const mb = slot.mb ?? null;
  const left = slot.mbleft ?? null;
  const state = slot.status ?? "unknown";
  return {
    subject: slot.nzo_id.toLowerCase(),
    name: slot.filename ?? slot.nzo_id,
    client: "sabnzbd",
    state,
    doneBytes: mb === null || left === null ? null : Math.round((mb - left) * MIB),
    totalBytes: mb === null ? null : Math.round(mb * MIB),
    waiting: paused || SAB_WAITING.has(state),
    arr: null,
  };
}

function arrFact(item: JoinedQueueItem, record: QueueRecord): ArrQueueFact {
  const messages = (record.statusMessages ?? []).flatMap((m) => m.messages ?? []);
  if (record.errorMessage && !messages.includes(record.errorMessage)) messages.unshift(record.errorMessage);
  const { service, id, title, status, trackedDownloadState, trackedDownloadStatus } = item;
  return { service, id, title, status, trackedDownloadState, trackedDownloadStatus, messages };
}

/**
 * Client items first; each *arr record joins its client item (queue_join.ts, by download id), or stands alone
 * when none matches.
 */
export function joinDownloads(
  clientItems: readonly DownloadFact[],
  queues: ReadonlyArray<{ service: string; records: readonly QueueRecord[] }>,
  clients: DownloadClientView,
): DownloadFact[] {
  const bySubject = new Map(clientItems.map((item) => [item.subject, { ...item }]));
  for (const { service, records } of queues) {
    joinQueue(service, records, clients).forEach((item, k) => {
      const arr = arrFact(item, records[k]!);
      const subject = item.client?.id.toLowerCase() ?? item.downloadId?.toLowerCase() ??
        `${service}:queue:${item.id}`;
      const existing = bySubject.get(subject);
      if (existing) {
        existing.arr ??= arr;
        return;
      }
      bySubject.set(subject, {
        subject,
        name: item.title || subject,
        client: null,
        state: item.trackedDownloadState ?? item.status ?? "unknown",
        doneBytes: item.sizeBytes === null || item.leftBytes === null
          ? null
          : Math.max(0, item.sizeBytes - item.leftBytes),
        totalBytes: item.sizeBytes,
        // Without the client's view, only a download the *arr says is downloading can be stuck.
        waiting: (item.trackedDownloadState ?? "downloading") !== "downloading" ||
          item.status === "completed",
        arr,
      });
    });
  }
  return [...bySubject.values()];
}
