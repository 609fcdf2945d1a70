/**
 * Likely causes across layers for a download problem: is the download client's container running, is its disk
 * full, is it connected. Pure: reads the facts of the same check.
 */
import { formatBytes } from "../../templates/format.ts";
import type { AlertFacts, ContainerFact } from "./facts.ts";

/** Free space under this on a download client's disk counts as full enough to stop downloads. */
export const LOW_CLIENT_FREE_BYTES = 1024 ** 3;

const TITLES = { qbittorrent: "qBittorrent", sabnzbd: "SABnzbd" } as const;

export function clientTitle(client: "qbittorrent" | "sabnzbd"): string {
  return TITLES[client];
}

/** The container that most likely runs `client`: by name first, then by image. */
export function clientContainer(
  containers: readonly ContainerFact[],
  client: "qbittorrent" | "sabnzbd",
): ContainerFact | undefined {
  return containers.find((c) => c.name.toLowerCase().includes(client)) ??
    containers.find((c) => c.image.toLowerCase().includes(client));
}

/** Sentences about `client` worth reading next to a stuck or failed download; empty when all looks fine. */
export function clientCauses(facts: AlertFacts, client: "qbittorrent" | "sabnzbd"): string[] {
  const title = TITLES[client];
  const causes: string[] = [];
  const container = facts.containers ? clientContainer(facts.containers, client) : undefined;
  if (container && container.state !== "running") {
    causes.push(`the ${title} container "${container.name}" is ${container.state}`);
  } else if (container?.healthStatus === "unhealthy") {
    causes.push(`the ${title} container "${container.name}" is unhealthy`);
  } else if (container) {
    causes.push(`the ${title} container "${container.name}" is running`);
  }
  const info = facts.downloadClients.find((d) => d.client === client);
  if (info?.freeBytes !== null && info?.freeBytes !== undefined && info.freeBytes < LOW_CLIENT_FREE_BYTES) {
    causes.push(`${title}'s download disk is full (${formatBytes(info.freeBytes)} free)`);
  } else if (info?.freeBytes !== null && info?.freeBytes !== undefined) {
    causes.push(`${title} has ${formatBytes(info.freeBytes)} free`);
  }
  if (info?.paused) causes.push(`${title} is paused`);
  if (client === "qbittorrent" && info?.connection && info.connection !== "connected") {
    causes.push(`qBittorrent is ${info.connection} (no incoming peers)`);
  }
  return causes;
}
