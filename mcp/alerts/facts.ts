import type { JoinedQueueItem } from "../clients/media/queue_join.ts";

/**
 * What one check collects (collect.ts) and every rule reads: plain data, so rules are pure functions and tests
 * build facts by hand.
 */

/** One download as the watcher sees it: a download-client item, an *arr queue item, or both joined. */
export interface DownloadFact {
  /** Download id, lower case: the info hash (qBittorrent) or nzo_id (SABnzbd), or `<service>:queue:<id>`. */
  subject: string;
  name: string;
  client: "qbittorrent" | "sabnzbd" | null;
  /** The client's state (qBittorrent state name, SABnzbd status), else the *arr's tracked state. */
  state: string;
  /** Bytes downloaded so far; null when unknown. */
  doneBytes: number | null;
  totalBytes: number | null;
  /** True while it waits on purpose (queued, stopped by the user, checking): no strikes then. */
  waiting: boolean;
  /** The *arr queue item it belongs to, when one does. */
  arr: ArrQueueFact | null;
}

/** The *arr side of a download: its queue item as queue_join.ts joins it, with the *arr's own messages. */
export type ArrQueueFact =
  & Pick<
    JoinedQueueItem,
    "service" | "id" | "title" | "status" | "trackedDownloadState" | "trackedDownloadStatus"
  >
  & {
    /** The *arr's error message and status messages. */
    messages: string[];
  };

export interface FailedJobFact {
  /** nzo_id, lower case. */
  subject: string;
  name: string;
  reason: string;
  /** Epoch ms it finished; null when unknown. */
  completedAt: number | null;
}

export interface DiskFact {
  /** The path checked (mount point, root folder, download dir). */
  path: string;
  /** Who reported it: "media dir", "stacks dir", "sonarr root folder", "qBittorrent" … */
  where: string;
  freeBytes: number;
  /** Null when the reporter does not say (qBittorrent gives free space only). */
  totalBytes: number | null;
}

export interface ServiceFact {
  service: string;
  healthy: boolean;
  /** Why not, for a person; null when healthy. */
  error: string | null;
}

export interface ArrHealthFact {
  service: string;
  source: string;
  /** "ok" | "notice" | "warning" | "error" as the *arr says. */
  type: string;
  message: string;
  wikiUrl: string | null;
}

export interface ContainerFact {
  name: string;
  state: string;
  healthStatus: string | null;
  restartCount: number;
  restartPolicy: string | null;
  exitCode: number | null;
  finishedAt: string | null;
  /** PODMAN_SYSTEMD_UNIT label: a systemd unit (quadlet, generated unit) runs it. */
  systemdUnit: string | null;
  image: string;
  /** Epoch ms the container was created; null when unknown. */
  createdAt: number | null;
}

/** Facts about a download client itself, for explaining a stuck download across layers. */
export interface DownloadClientFact {
  client: "qbittorrent" | "sabnzbd";
  /** qBittorrent connection_status ("connected", "firewalled", "disconnected"); SABnzbd status. */
  connection: string | null;
  freeBytes: number | null;
  paused: boolean;
}

export interface AlertFacts {
  /** Epoch ms of the check. */
  now: number;
  /** Null when the part was not collected (no media services, or the source failed: see `problems`). */
  downloads: DownloadFact[] | null;
  failedJobs: FailedJobFact[] | null;
  disks: DiskFact[] | null;
  services: ServiceFact[] | null;
  arrHealth: ArrHealthFact[] | null;
  containers: ContainerFact[] | null;
  downloadClients: DownloadClientFact[];
  /** Sources that could not be read, one line each. */
  problems: string[];
}

export function emptyFacts(now: number): AlertFacts {
  return {
    now,
    downloads: null,
    failedJobs: null,
    disks: null,
    services: null,
    arrHealth: null,
    containers: null,
    downloadClients: [],
    problems: [],
  };
}
