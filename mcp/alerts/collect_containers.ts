/**
 * Containers for the container rules: from the live state store while it is live (memory kept current by
 * Podman's events, health and restart counts included: no runtime calls), else by polling the runtime
 * (list + inspect each, a few at a time).
 */
import type { RuntimeClient } from "../clients/runtime/client.ts";
import type { ContainerStateStore } from "../clients/runtime/store/store_types.ts";
import { mapLimit } from "../clients/runtime/store/map_limit.ts";
import type { ContainerDetails } from "../../shared/container_details.ts";
import type { ContainerFact } from "./facts.ts";

const INSPECT_CONCURRENCY = 4;

function fact(
  name: string,
  image: string,
  state: string,
  d: ContainerDetails | null,
  labels: Record<string, string>,
): ContainerFact {
  return {
    name,
    state: d?.state ?? state,
    healthStatus: d?.healthStatus ?? null,
    restartCount: d?.restartCount ?? 0,
    restartPolicy: d?.restartPolicy ?? null,
    exitCode: d?.exitCode ?? null,
    finishedAt: d?.finishedAt ?? null,
    systemdUnit: (d?.labels ?? labels)["PODMAN_SYSTEMD_UNIT"] ?? null,
    image: d?.image ?? image,
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
        return fact(c.name, c.image, c.state, details, c.labels);
      }));
    }
  }
  const list = await runtime.list({ all: true });
  if (!list.ok) {
    problems.push(`Cannot list containers: ${list.error.message}`);
    return null;
  }
  return await mapLimit(list.value, INSPECT_CONCURRENCY, async (c) => {
    return fact(c.name, c.image, c.state, await inspectOrNull(runtime, c.id), c.labels);
  });
}

async function inspectOrNull(runtime: RuntimeClient, id: string): Promise<ContainerDetails | null> {
  const details = await runtime.inspect(id);
  return details.ok ? details.value : null;
}
