/**
 * Containers for the container rules: from the live state store while it is live (memory kept current by
 * Podman's events, health and restart counts included: no runtime calls), else by polling the runtime
 * (list + inspect each, a few at a time).
 */
import type { ContainerSummary, RuntimeClient } from "../clients/runtime/client.ts";
import type { ContainerStateStore } from "../clients/runtime/store/store_types.ts";
import { mapLimit } from "../clients/runtime/store/map_limit.ts";
import type { ContainerDetails } from "../../shared/container_details.ts";
import type { ContainerFact } from "./facts.ts";

const INSPECT_CONCURRENCY = 4;

function fact(c: ContainerSummary, d: ContainerDetails | null): ContainerFact {
  const created = Date.parse(c.created);
  return {
    name: c.name,
    state: d?.state ?? c.state,
    healthStatus: d?.healthStatus ?? null,
    restartCount: d?.restartCount ?? 0,
    restartPolicy: d?.restartPolicy ?? null,
    exitCode: d?.exitCode ?? null,
    finishedAt: d?.finishedAt ?? null,
    systemdUnit: (d?.labels ?? c.labels)["PODMAN_SYSTEMD_UNIT"] ?? null,
    image: d?.image ?? c.image,
    createdAt: Number.isNaN(created) ? null : created,
  };
}

export async function collectContainers(
  runtime: RuntimeClient,
  store: ContainerStateStore | undefined,
  problems: string[],
): Promise<ContainerFact[] | null> {
  if (store && store.status().state === "live") {
    const list = await store.list({ all: true });
    if (list.ok) {
      return await Promise.all(list.value.map(async (c) => {
        const stored = await store.get(c.id);
        const details = stored.ok ? stored.value.details ?? (await inspectOrNull(runtime, c.id)) : null;
        return fact(c, details);
      }));
    }
  }
  const list = await runtime.list({ all: true });
  if (!list.ok) {
    problems.push(`Cannot list containers: ${list.error.message}`);
    return null;
  }
  return await mapLimit(list.value, INSPECT_CONCURRENCY, async (c) => {
    return fact(c, await inspectOrNull(runtime, c.id));
  });
}

async function inspectOrNull(runtime: RuntimeClient, id: string): Promise<ContainerDetails | null> {
  const details = await runtime.inspect(id);
  return details.ok ? details.value : null;
}
