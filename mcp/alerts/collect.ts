/**
 * The imperative shell of a check: reads every source at once (media services, the container runtime or its
 * live state store, the filesystems) into AlertFacts. Never throws: a source that fails leaves its part null
 * and a line in `problems`, and the rules that need it skip this check.
 */
import type { MediaServices } from "../clients/media/media_services.ts";
import type { QueueRecord } from "../clients/media/arr_schemas.ts";
import { checkServiceApi } from "../clients/media/check_api.ts";
import type { DownloadClientView } from "../clients/media/queue_join.ts";
import type { SabQueueSlot } from "../clients/media/sabnzbd_schemas.ts";
import type { RuntimeClient } from "../clients/runtime/client.ts";
import type { ContainerStateStore } from "../clients/runtime/store/store_types.ts";
import type { FilesystemUsage } from "../fs/disk_usage.ts";
import { collectContainers } from "./collect_containers.ts";
import { joinDownloads, sabFact, torrentFact } from "./download_facts.ts";
import type {
  AlertFacts,
  ArrHealthFact,
  DiskFact,
  DownloadClientFact,
  DownloadFact,
  FailedJobFact,
} from "./facts.ts";

const GIB = 1024 ** 3;
const QUEUE_ARRS = ["sonarr", "radarr", "lidarr"] as const;
const HEALTH_ARRS = ["sonarr", "radarr", "lidarr", "prowlarr"] as const;
/** SABnzbd history entries read per check for failed jobs. */
const SAB_HISTORY_LIMIT = 100;
const SAB_PAGE = 500;

export interface CollectDeps {
  media: MediaServices | undefined;
  runtime: RuntimeClient;
  containerStore: ContainerStateStore | undefined;
  dirs: { mediaDir: string; stacksDir: string };
  usageOf: (path: string) => Promise<FilesystemUsage>;
  now: () => number;
}

type Problems = string[];

async function configured(
  media: MediaServices,
  service: Parameters<MediaServices["registry"]["describe"]>[0],
) {
  return (await media.registry.describe(service)).configured;
}

export async function collectFacts(deps: CollectDeps): Promise<AlertFacts> {
  const now = deps.now();
  const problems: Problems = [];
  const media = deps.media;
  const [downloads, disks, services, arrHealth, containers] = await Promise.all([
    media ? collectDownloads(media, problems) : null,
    collectDisks(deps, problems),
    media ? collectServices(media) : null,
    media ? collectArrHealth(media, problems) : null,
    collectContainers(deps.runtime, deps.containerStore, problems),
  ]);
  if (!media) problems.push("media services are not wired in: download and service rules skipped");
  return {
    now,
    downloads: downloads?.items ?? null,
    failedJobs: downloads?.failedJobs ?? null,
    disks: [...disks, ...(downloads?.clientDisks ?? [])],
    services,
    arrHealth,
    containers,
    downloadClients: downloads?.clients ?? [],
    problems,
  };
}

interface Downloads {
  /** Null when any source of downloads failed: the stuck rule then keeps its strikes as they were. */
  items: DownloadFact[] | null;
  failedJobs: FailedJobFact[] | null;
  clients: DownloadClientFact[];
  clientDisks: DiskFact[];
}

async function collectDownloads(media: MediaServices, problems: Problems): Promise<Downloads> {
  let complete = true;
  const clients: DownloadClientFact[] = [];
  const clientDisks: DiskFact[] = [];
  const items: DownloadFact[] = [];
  const view: DownloadClientView = {};
  let failedJobs: FailedJobFact[] | null = [];
  const fail = (message: string) => {
    complete = false;
    problems.push(message);
  };
  const qbit = async () => {
    if (!(await configured(media, "qbittorrent"))) return;
    const client = await media.registry.getClient("qbittorrent");
    if (!client.ok) return fail(client.error.message);
    const [torrents, main] = await Promise.all([client.value.torrents(), client.value.mainData(0)]);
    if (!torrents.ok) return fail(torrents.error.message);
    view.qbittorrent = torrents.value;
    for (const t of torrents.value) {
      const fact = torrentFact(t);
      if (fact) items.push(fact);
    }
    const state = main.ok ? main.value.server_state : undefined;
    const free = state?.free_space_on_disk ?? null;
    clients.push({
      client: "qbittorrent",
      connection: state?.connection_status ?? null,
      freeBytes: free,
      paused: false,
    });
    if (free !== null) {
      clientDisks.push({
        path: "qbittorrent:download dir",
        where: "qBittorrent",
        freeBytes: free,
        totalBytes: null,
      });
    }
  };
  const sab = async () => {
    if (!(await configured(media, "sabnzbd"))) return;
    const client = await media.registry.getClient("sabnzbd");
    if (!client.ok) return fail(client.error.message);
    const history = client.value.history({ limit: SAB_HISTORY_LIMIT });
    const slots: SabQueueSlot[] = [];
    for (let start = 0;; start += SAB_PAGE) {
      const queue = await client.value.queue({ start, limit: SAB_PAGE });
      if (!queue.ok) return fail(queue.error.message);
      const q = queue.value;
      slots.push(...q.slots);
      items.push(...q.slots.map((slot) => sabFact(slot, q.paused === true)));
      if (start === 0) {
        const free = q.diskspace1 === undefined ? null : Math.round(q.diskspace1 * GIB);
        clients.push({
          client: "sabnzbd",
          connection: q.status ?? null,
          freeBytes: free,
          paused: q.paused === true,
        });
        if (free !== null) {
          const total = q.diskspacetotal1 === undefined ? null : Math.round(q.diskspacetotal1 * GIB);
          clientDisks.push({
            path: "sabnzbd:download dir",
            where: "SABnzbd",
            freeBytes: free,
            totalBytes: total,
          });
        }
      }
      if (q.slots.length < SAB_PAGE || start + SAB_PAGE >= (q.noofslots_total ?? 0)) break;
    }
    view.sabnzbd = slots;
    const past = await history;
    if (!past.ok) {
      failedJobs = null;
      return void problems.push(past.error.message);
    }
    failedJobs = past.value.slots.filter((s) => s.status === "Failed").map((s) => ({
      subject: s.nzo_id.toLowerCase(),
      name: s.name ?? s.nzo_id,
      reason: s.fail_message ?? "",
      completedAt: s.completed === undefined ? null : s.completed * 1000,
    }));
  };
  const queues: Array<{ service: string; records: QueueRecord[] }> = [];
  const arr = async (service: typeof QUEUE_ARRS[number]) => {
    if (!(await configured(media, service))) return;
    const client = await media.registry.getClient(service);
    if (!client.ok) return fail(client.error.message);
    const records = await client.value.queueAll();
    if (!records.ok) return fail(records.error.message);
    queues.push({ service, records: records.value });
  };
  await Promise.all([qbit(), sab(), ...QUEUE_ARRS.map(arr)]);
  queues.sort((a, b) => a.service.localeCompare(b.service));
  return { items: complete ? joinDownloads(items, queues, view) : null, failedJobs, clients, clientDisks };
}

async function collectDisks(deps: CollectDeps, problems: Problems): Promise<DiskFact[]> {
  const local = [{ path: deps.dirs.mediaDir, where: "media dir" }, {
    path: deps.dirs.stacksDir,
    where: "stacks dir",
  }];
  const disks: DiskFact[] = [];
  await Promise.all(local.map(async ({ path, where }) => {
    try {
      const u = await deps.usageOf(path);
      disks.push({ path, where, freeBytes: u.availableBytes, totalBytes: u.totalBytes });
    } catch (e) {
      problems.push(`Cannot read disk space of the ${where} "${path}": ${(e as Error).message}`);
    }
  }));
  const media = deps.media;
  if (!media) return disks;
  await Promise.all(QUEUE_ARRS.map(async (service) => {
    if (!(await configured(media, service))) return;
    const client = await media.registry.getClient(service);
    if (!client.ok) return;
    const [roots, space] = await Promise.all([client.value.rootFolders(), client.value.diskSpace()]);
    if (!roots.ok) return void problems.push(roots.error.message);
    const mounts = space.ok ? space.value : [];
    for (const root of roots.value) {
      const mount = mounts.filter((m) =>
        m.path && (root.path === m.path || root.path.startsWith(`${m.path.replace(/\/$/, "")}/`))
      )
        .sort((a, b) =>
          (b.path?.length ?? 0) - (a.path?.length ?? 0)
        )[0];
      const free = root.freeSpace ?? mount?.freeSpace ?? null;
      if (free === null) continue;
      disks.push({
        path: `${service}:${root.path}`,
        where: `${service} root folder`,
        freeBytes: free,
        totalBytes: mount?.totalSpace ?? null,
      });
    }
  }));
  return disks;
}

async function collectServices(media: MediaServices) {
  const setups = await media.registry.describeAll();
  return await Promise.all(
    setups.filter((s) => s.configured).map(async (setup) => {
      const check = await checkServiceApi(media.registry, setup.service);
      const healthy = check.reachable === true && check.authenticated === true;
      return {
        service: setup.service,
        healthy,
        error: healthy ? null : check.error?.message ?? check.hint ?? "check failed",
      };
    }),
  );
}

async function collectArrHealth(media: MediaServices, problems: Problems): Promise<ArrHealthFact[] | null> {
  const facts: ArrHealthFact[] = [];
  let complete = true;
  await Promise.all(HEALTH_ARRS.map(async (service) => {
    if (!(await configured(media, service))) return;
    const client = await media.registry.getClient(service);
    if (!client.ok) return;
    const health = await client.value.health();
    if (!health.ok) {
      complete = false;
      return void problems.push(health.error.message);
    }
    for (const item of health.value) {
      facts.push({
        service,
        source: item.source ?? "unknown",
        type: item.type,
        message: item.message ?? "",
        wikiUrl: wikiUrl(item.wikiUrl),
      });
    }
  }));
  return complete ? facts : null;
}

/** Servarr sends wikiUrl as a string or as a serialised Uri object ({ fullUri }). */
function wikiUrl(value: unknown): string | null {
  if (typeof value === "string") return value || null;
  if (value && typeof value === "object" && "fullUri" in value && typeof value.fullUri === "string") {
    return value.fullUri;
  }
  return null;
}
