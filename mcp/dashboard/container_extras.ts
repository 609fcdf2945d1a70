/**
 * Per-container facts the list call does not give: health, start time, restart count (inspect) and CPU and
 * memory (stats, running containers only). A failed call leaves that container's fields null; nothing throws.
 */
import type { ContainerSummary, RuntimeClient } from "../clients/runtime/client.ts";

export interface ContainerExtras {
  /** Health check status (`healthy`, `unhealthy`, `starting`) or null. */
  health: string | null;
  /** ISO time of the last start; null when never started or unknown. */
  started_at: string | null;
  restart_count: number | null;
  /** Running containers only; null otherwise or when stats failed (likewise the memory fields). */
  cpu_percent: number | null;
  memory_bytes: number | null;
  memory_limit_bytes: number | null;
  /** Exit code and ISO end of the last run; null while running or never run. */
  exit_code: number | null;
  finished_at: string | null;
}

export const NO_EXTRAS: ContainerExtras = {
  health: null,
  started_at: null,
  restart_count: null,
  cpu_percent: null,
  memory_bytes: null,
  memory_limit_bytes: null,
  exit_code: null,
  finished_at: null,
};

export interface ExtrasOptions {
  /** Runtime API calls in flight at once. @default 8 */
  concurrency?: number;
}

/** Extras keyed by container id. */
export async function collectContainerExtras(
  runtime: Pick<RuntimeClient, "inspect" | "stats">,
  containers: readonly ContainerSummary[],
  options: ExtrasOptions = {},
): Promise<Map<string, ContainerExtras>> {
  const out = new Map<string, ContainerExtras>();
  const queue = [...containers];
  const worker = async () => {
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) out.set(c.id, await extrasOf(runtime, c));
  };
  const n = Math.max(1, Math.min(options.concurrency ?? 8, queue.length));
  await Promise.all(Array.from({ length: n }, worker));
  return out;
}

async function extrasOf(runtime: Pick<RuntimeClient, "inspect" | "stats">, c: ContainerSummary) {
  const running = c.state === "running";
  const [details, stats] = await Promise.all([
    runtime.inspect(c.id),
    running ? runtime.stats(c.id, { shared: true }) : Promise.resolve(null),
  ]);
  const extras: ContainerExtras = { ...NO_EXTRAS };
  if (details.ok) {
    extras.health = details.value.healthStatus;
    extras.started_at = details.value.startedAt;
    extras.restart_count = details.value.restartCount;
    if (!details.value.running) {
      extras.exit_code = details.value.exitCode;
      extras.finished_at = details.value.finishedAt;
    }
  }
  if (stats !== null && stats.ok) {
    extras.cpu_percent = stats.value.cpuPercent;
    extras.memory_bytes = stats.value.memUsageBytes;
    extras.memory_limit_bytes = stats.value.memLimitBytes > 0 ? stats.value.memLimitBytes : null;
  }
  return extras;
}
