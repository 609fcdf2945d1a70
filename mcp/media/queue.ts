/** media_queue: the *arr queues joined with SABnzbd/qBittorrent's view of each download, problems flagged. */
import { z } from "zod";
import type { ArrClient } from "../clients/media/arr.ts";
import type { QueueRecord } from "../clients/media/arr_schemas.ts";
import type { MediaServices } from "../clients/media/media_services.ts";
import type { QbitTorrent } from "../clients/media/qbittorrent.ts";
import { type DownloadClientView, type JoinedQueueItem, joinQueue } from "../clients/media/queue_join.ts";
import type { SabQueueSlot } from "../clients/media/sabnzbd_schemas.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import { problem, type ServiceProblem } from "./common.ts";

export const QUEUE_SERVICES = ["sonarr", "radarr", "lidarr"] as const;
export type QueueService = typeof QUEUE_SERVICES[number];

export const queueItemSchema = z.object({
  service: z.string(),
  id: z.number(),
  title: z.string(),
  status: z.string().or(NULL),
  tracked_state: z.string().or(NULL),
  download_id: z.string().or(NULL),
  protocol: z.string().or(NULL),
  download_client: z.string().or(NULL),
  size_bytes: z.number().or(NULL),
  left_bytes: z.number().or(NULL),
  client_state: z.string().or(NULL),
  client_progress: z.number().or(NULL),
  eta_seconds: z.number().or(NULL),
  flag: z.enum(["ok", "stuck", "failed"]),
  reasons: z.array(z.string()),
});
export type QueueItemOutput = z.infer<typeof queueItemSchema>;

export interface MediaQueueResult {
  items: QueueItemOutput[];
  total: number;
  counts: { ok: number; stuck: number; failed: number };
  truncated: boolean;
  download_clients_checked: string[];
  problems: ServiceProblem[];
}

export async function collectMediaQueue(
  media: MediaServices,
  options: { services?: readonly QueueService[]; onlyProblems?: boolean; limit?: number } = {},
): Promise<MediaQueueResult> {
  const problems: ServiceProblem[] = [];
  const wanted = options.services?.length ? options.services : QUEUE_SERVICES;
  const arrQueues = Promise.all(wanted.map(async (service) => {
    const setup = await media.registry.describe(service);
    if (!setup.configured) return { service, records: [] as QueueRecord[] };
    const client = await media.registry.getClient(service);
    if (!client.ok) {
      problems.push(problem(client.error));
      return { service, records: [] as QueueRecord[] };
    }
    const records = await (client.value as ArrClient).queueAll();
    if (!records.ok) {
      problems.push(problem(records.error));
      return { service, records: [] as QueueRecord[] };
    }
    return { service, records: records.value };
  }));
  const [queues, view] = await Promise.all([arrQueues, downloadClientView(media, problems)]);
  const joined: JoinedQueueItem[] = queues.flatMap((q) => joinQueue(q.service, q.records, view));
  const counts = { ok: 0, stuck: 0, failed: 0 };
  for (const item of joined) counts[item.flag]++;
  const rank = { failed: 0, stuck: 1, ok: 2 } as const;
  const selected = joined.filter((item) => !options.onlyProblems || item.flag !== "ok")
    .sort((a, b) => rank[a.flag] - rank[b.flag]);
  const limit = options.limit ?? 100;
  return {
    items: selected.slice(0, limit).map(toOutput),
    total: joined.length,
    counts,
    truncated: selected.length > limit,
    download_clients_checked: Object.keys(view),
    problems,
  };
}

async function downloadClientView(
  media: MediaServices,
  problems: ServiceProblem[],
): Promise<DownloadClientView> {
  const view: DownloadClientView = {};
  const [sab, qbit] = await Promise.all([
    (async (): Promise<SabQueueSlot[] | undefined> => {
      if (!(await media.registry.describe("sabnzbd")).configured) return undefined;
      const client = await media.registry.getClient("sabnzbd");
      if (!client.ok) return void problems.push(problem(client.error));
      const queue = await client.value.queue({ limit: 1000 });
      if (!queue.ok) return void problems.push(problem(queue.error));
      return queue.value.slots;
    })(),
    (async (): Promise<QbitTorrent[] | undefined> => {
      if (!(await media.registry.describe("qbittorrent")).configured) return undefined;
      const client = await media.registry.getClient("qbittorrent");
      if (!client.ok) return void problems.push(problem(client.error));
      const torrents = await client.value.torrents();
      if (!torrents.ok) return void problems.push(problem(torrents.error));
      return torrents.value;
    })(),
  ]);
  if (sab) view.sabnzbd = sab;
  if (qbit) view.qbittorrent = qbit;
  return view;
}

function toOutput(item: JoinedQueueItem): QueueItemOutput {
  return {
    service: item.service,
    id: item.id,
    title: item.title,
    status: item.status,
    tracked_state: item.trackedDownloadState,
    download_id: item.downloadId,
    protocol: item.protocol,
    download_client: item.downloadClient,
    size_bytes: item.sizeBytes,
    left_bytes: item.leftBytes,
    client_state: item.client?.state ?? null,
    client_progress: item.client?.progress ?? null,
    eta_seconds: item.client?.etaSeconds ?? null,
    flag: item.flag,
    reasons: item.reasons,
  };
}
