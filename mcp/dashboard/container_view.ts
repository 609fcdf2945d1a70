/** Gathers a container page's data: inspect (redacted), stats when running, the last log lines (redacted). */
import type { ContainerView } from "../../templates/container_page.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { containerProblem } from "./problems.ts";
import { redactLogs } from "./redact_view.ts";
import { redactContainerDetails } from "../../shared/redact/mod.ts";

export const LOG_TAIL = 100;

export type ContainerLookup =
  | { found: true; view: ContainerView }
  | { found: false; message: string };

export async function collectContainerView(
  deps: ToolDeps,
  name: string,
  secrets: readonly string[],
): Promise<ContainerLookup> {
  const details = await deps.runtime.inspect(name);
  if (!details.ok) return { found: false, message: details.error.message };
  const d = details.value;
  const [stats, logs] = await Promise.all([
    d.running ? deps.runtime.stats(d.id) : Promise.resolve(null),
    deps.runtime.logs(d.id, { tail: LOG_TAIL }),
  ]);
  return {
    found: true,
    view: {
      details: redactContainerDetails(d, secrets),
      problem: containerProblem({ state: d.state, health: d.healthStatus, restart_count: d.restartCount }),
      composeProject: d.labels["io.podman.compose.project"] || d.labels["com.docker.compose.project"] || null,
      stats: stats !== null && stats.ok ? stats.value : null,
      statsNote: stats === null ? "Not running." : stats.ok ? null : stats.error.message,
      logs: logs.ok ? redactLogs(logs.value, secrets) : null,
      logsError: logs.ok ? null : logs.error.message,
      logTail: LOG_TAIL,
      now: deps.clock.now(),
    },
  };
}
