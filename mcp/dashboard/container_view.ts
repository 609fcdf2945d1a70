/** Gathers a container page's data: inspect (redacted), stats when running, the last log lines (redacted). */
import type { ContainerView } from "../../templates/container_page.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { containerProblem } from "./problems.ts";
import { redactLogs } from "./redact_view.ts";
import { redactContainerDetails } from "../../shared/redact/mod.ts";
import { containerHref } from "../../templates/components.ts";
import { lastErrorLine } from "./error_line.ts";
import { portLinks } from "./port_links.ts";
import { dashboardUpgrades, upgradeOf } from "./upgrades_view.ts";

export const LOG_TAIL = 100;

export type ContainerLookup =
  | { found: true; view: ContainerView }
  | { found: false; message: string };

export async function collectContainerView(
  deps: ToolDeps,
  name: string,
  secrets: readonly string[],
  /** The request's Host header, for port links. */
  hostHeader?: string,
): Promise<ContainerLookup> {
  const details = await deps.runtime.inspect(name);
  if (!details.ok) return { found: false, message: details.error.message };
  const d = details.value;
  const [stats, logs] = await Promise.all([
    d.running ? deps.runtime.stats(d.id) : Promise.resolve(null),
    deps.runtime.logs(d.id, { tail: LOG_TAIL }),
  ]);
  const lines = logs.ok ? redactLogs(logs.value, secrets) : null;
  const upgrades = dashboardUpgrades(deps);
  return {
    found: true,
    view: {
      details: redactContainerDetails(d, secrets),
      problem: containerProblem({ state: d.state, health: d.healthStatus, restart_count: d.restartCount }),
      composeProject: d.labels["io.podman.compose.project"] || d.labels["com.docker.compose.project"] || null,
      stats: stats !== null && stats.ok ? stats.value : null,
      statsNote: stats === null ? "Not running." : stats.ok ? null : stats.error.message,
      logs: lines,
      logsError: logs.ok ? null : logs.error.message,
      logTail: LOG_TAIL,
      logStream: deps.logFollower !== undefined ? `${containerHref(d.name)}/logs/stream` : null,
      errorLine: !d.running && lines !== null ? lastErrorLine(lines) : null,
      portLinks: portLinks(d.ports, hostHeader),
      now: deps.clock.now(),
      ...(upgrades === undefined
        ? {}
        : { upgrade: { line: upgradeOf(upgrades, d.name), checkedAt: upgrades.checked_at } }),
    },
  };
}
