/** download_clients: SABnzbd and qBittorrent state, speed and free space. */
import { z } from "zod";
import type { MediaServices } from "../clients/media/media_services.ts";
import type { TorrentClass } from "../clients/media/qbittorrent_state.ts";
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

export interface DownloadClientsResult {
  sabnzbd: z.infer<typeof sabOutput> | null;
  qbittorrent: z.infer<typeof qbitOutput> | null;
  problems: ServiceProblem[];
}

export async function collectDownloadClients(media: MediaServices): Promise<DownloadClientsResult> {
  const problems: ServiceProblem[] = [];
  const [sabnzbd, qbittorrent] = await Promise.all([sabState(media, problems), qbitState(media, problems)]);
  return { sabnzbd, qbittorrent, problems };
}

async function sabState(media: MediaServices, problems: ServiceProblem[]) {
  if (!(await media.registry.describe("sabnzbd")).configured) return null;
  const client = await media.registry.getClient("sabnzbd");
  if (!client.ok) return noted(problems, client.error, null);
  const [version, queue] = await Promise.all([client.value.version(), client.value.queue({ limit: 1 })]);
  if (!version.ok) return noted(problems, version.error, null);
  if (!queue.ok) return noted(problems, queue.error, null);
  const q = queue.value;
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

async function qbitState(media: MediaServices, problems: ServiceProblem[]) {
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
