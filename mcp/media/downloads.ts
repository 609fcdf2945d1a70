/** download_clients: SABnzbd and qBittorrent state, speed and free space. */
import { z } from "zod";
import type { MediaServices } from "../clients/media/media_services.ts";
import type { TorrentClass } from "../clients/media/qbittorrent_state.ts";
import type { DownloadProgress } from "../toolkit/alerts_port.ts";
import { type DownloadProblemInput, problemItems } from "./download_problems.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import { noted, type ServiceProblem } from "./common.ts";

const GIB = 1024 ** 3;

export const sabOutput = z.object({
  version: z.string(),
  status: z.string().or(NULL),
  paused: z.boolean().or(NULL),
  speed_bytes_per_second: z.number().or(NULL),
  queue_items: z.number(),
  remaining_bytes: z.number().or(NULL),
  time_left: z.string().or(NULL),
  free_space_bytes: z.number().or(NULL),
  free_space_complete_bytes: z.number().or(NULL),
});

export const qbitOutput = z.object({
  version: z.string(),
  webapi_version: z.string(),
  connection_status: z.string(),
  download_bytes_per_second: z.number(),
  upload_bytes_per_second: z.number(),
  free_space_bytes: z.number().or(NULL),
  torrents: z.record(z.string(), z.number()).describe(
    "Counts: downloading, stalled, seeding, stopped, checking, error, other",
  ),
});

export const problemItemOutput = z.object({
  client: z.enum(["sabnzbd", "qbittorrent"]),
  id: z.string().describe("Info hash or nzo_id"),
  name: z.string(),
  state: z.string().describe("As the client reports it"),
  problem: z.enum(["stalled", "errored", "stuck", "failed"]),
  progress: z.number().describe("0-1"),
  seconds_since_progress: z.number().or(NULL).describe("Null when unknown"),
});

export interface DownloadClientsResult {
  sabnzbd: z.infer<typeof sabOutput> | null;
  qbittorrent: z.infer<typeof qbitOutput> | null;
  problem_items: Array<z.infer<typeof problemItemOutput>>;
  problems: ServiceProblem[];
}

export interface DownloadClientsOptions {
  now: number;
  /** What the alert watcher knows of each download's progress (ToolDeps.alerts), when it runs. */
  progress?: { of(id: string): DownloadProgress | undefined } | undefined;
}

export async function collectDownloadClients(
  media: MediaServices,
  options: DownloadClientsOptions,
): Promise<DownloadClientsResult> {
  const problems: ServiceProblem[] = [];
  const items: DownloadProblemInput = { torrents: [], slots: [] };
  const [sabnzbd, qbittorrent] = await Promise.all([
    sabState(media, problems, items),
    qbitState(media, problems, items),
  ]);
  return { sabnzbd, qbittorrent, problem_items: problemItems(items, options), problems };
}

async function sabState(media: MediaServices, problems: ServiceProblem[], items: DownloadProblemInput) {
  if (!(await media.registry.describe("sabnzbd")).configured) return null;
  const client = await media.registry.getClient("sabnzbd");
  if (!client.ok) return noted(problems, client.error, null);
  const [version, queue] = await Promise.all([client.value.version(), client.value.queue()]);
  if (!version.ok) return noted(problems, version.error, null);
  if (!queue.ok) return noted(problems, queue.error, null);
  const q = queue.value;
  items.slots.push(...q.slots);
  return {
    version: version.value,
    status: q.status ?? null,
    paused: q.paused ?? null,
    speed_bytes_per_second: q.kbpersec === undefined ? null : Math.round(q.kbpersec * 1024),
    queue_items: q.noofslots_total ?? q.slots.length,
    remaining_bytes: q.mbleft === undefined ? null : Math.round(q.mbleft * 1024 * 1024),
    time_left: q.timeleft ?? null,
    free_space_bytes: q.diskspace1 === undefined ? null : Math.round(q.diskspace1 * GIB),
    free_space_complete_bytes: q.diskspace2 === undefined ? null : Math.round(q.diskspace2 * GIB),
  };
}

async function qbitState(media: MediaServices, problems: ServiceProblem[], items: DownloadProblemInput) {
  if (!(await media.registry.describe("qbittorrent")).configured) return null;
  const client = await media.registry.getClient("qbittorrent");
  if (!client.ok) return noted(problems, client.error, null);
  const qbit = client.value;
  const version = await qbit.version();
  if (!version.ok) return noted(problems, version.error, null);
  const [app, transfer, main, torrents] = await Promise.all([
    qbit.appVersion(),
    qbit.transferInfo(),
    qbit.mainData(0),
    qbit.torrents(),
  ]);
  for (const r of [app, transfer, main, torrents]) if (!r.ok) return noted(problems, r.error, null);
  if (!app.ok || !transfer.ok || !main.ok || !torrents.ok) return null;
  items.torrents.push(...torrents.value);
  const counts: Partial<Record<TorrentClass, number>> = {};
  for (const t of torrents.value) counts[t.stateClass] = (counts[t.stateClass] ?? 0) + 1;
  return {
    version: app.value,
    webapi_version: version.value.webapi,
    connection_status: transfer.value.connection_status,
    download_bytes_per_second: transfer.value.dl_info_speed,
    upload_bytes_per_second: transfer.value.up_info_speed,
    free_space_bytes: main.value.server_state?.free_space_on_disk ?? null,
    torrents: counts as Record<string, number>,
  };
}
