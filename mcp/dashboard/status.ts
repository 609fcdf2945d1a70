/**
 * `GET /api/status`: the one JSON document the dashboard consumes. The shape is stable: fields are only ever
 * added. Collecting it never throws; each part says why it is missing.
 */
import type { RuntimeKind } from "../clients/runtime/client.ts";
import { err } from "../../shared/result.ts";
import { parseHelperInfo } from "../clients/helper/helper_info.ts";
import { SERVER_VERSION } from "../core/server_info.ts";
import { listStacks } from "../fs/stack_files.ts";
import { stackContainers, type StackState } from "../clients/runtime/stack_status.ts";
import { type ContainerSummaryOutput, containerSummaryOutput } from "../containers/container_summary.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import type { AlertView } from "../toolkit/alerts_port.ts";
import { collectContainerExtras, type ContainerExtras, NO_EXTRAS } from "./container_extras.ts";
import { quadletUnsupported } from "../../shared/quadlet/host_support.ts";
import { collectDisks, type DiskStatus } from "./disks.ts";
import { containerProblem, stackProblem } from "./problems.ts";
import { type ApiStoreStatus, apiStoreStatus } from "./store_status.ts";

export interface ApiStatus {
  /** Version of this document's shape. */
  schema: 1;
  arr_mcp: { version: string; read_only: boolean; generated_at: string };
  runtime: {
    available: boolean;
    socket: string | null;
    kind: RuntimeKind | null;
    version: string | null;
    api_version: string | null;
    rootless: boolean | null;
    /** Why it is unavailable; null when available. */
    error: string | null;
  };
  containers: Array<
    ContainerSummaryOutput & ContainerExtras & {
      /** Why the container needs attention (`exited`, `unhealthy`, `restarting` …); null when fine. */
      problem: string | null;
    }
  >;
  stacks: Array<{
    name: string;
    compose_file: string;
    state: StackState;
    running: number;
    containers: Array<{ name: string; state: string }>;
    /** Why the stack needs attention (partial, stopped); null when fine. */
    problem: string | null;
  }>;
  /** Null when the stacks dir could not be read. */
  stacks_error: string | null;
  /** Filesystems holding the stacks dir and the media dir. */
  disks: DiskStatus[];
  helper: {
    available: boolean;
    socket: string;
    version: string | null;
    /** Podman's version as arr-helper found it. */
    podman: string | null;
    podman_compose: string | null;
    quadlet: string | null;
    /** Why the quadlet tools are off on this host (shared/quadlet/host_support.ts); null when they work. */
    quadlet_off_reason: string | null;
    error: string | null;
  };
  /** The container state store: `live`, or `resyncing`/`down` with the data's age; null without a store. */
  store: ApiStoreStatus | null;
  /**
   * Where the containers' CPU and memory come from: one shared sample of all running containers, taken at most
   * every `interval_s` while someone reads it (`sampled_at`: the latest, null before the first). Null without
   * the state store: then each figure is read from the runtime when the document is made.
   */
  stats_sample: { interval_s: number; sampled_at: string | null } | null;
  /** Open alerts of the alert watcher (docs/alerts.md), newest first, at most STATUS_MAX_ALERTS. */
  alerts: {
    /** False when the watcher is not running in this server. */
    available: boolean;
    open: AlertView[];
  };
}

export const STATUS_MAX_ALERTS = 50;

export const STATUS_HELPER_TIMEOUT_MS = 3000;

export async function collectStatus(deps: ToolDeps): Promise<ApiStatus> {
  const [info, list, stacks, helper] = await Promise.all([
    deps.runtime.info(),
    deps.runtime.list({ all: true }),
    listStacks(deps.fs, deps.config.stacksDir),
    // The dashboard polls this: a stuck helper must not stall the page.
    deps.helper.call("info", {}, { timeoutMs: STATUS_HELPER_TIMEOUT_MS }),
  ]);
  const containers = list.ok ? list.value : undefined;
  const [extras, disks] = await Promise.all([
    collectContainerExtras(deps.runtime, containers ?? []),
    collectDisks(deps.config),
  ]);
  const helperInfo = helper.ok ? parseHelperInfo(helper.value.output) : err(helper.error.message);
  const helperFacts = helperInfo.ok ? helperInfo.value : null;
  return {
    schema: 1,
    arr_mcp: {
      version: SERVER_VERSION,
      read_only: deps.config.readOnly,
      generated_at: new Date(deps.clock.now()).toISOString(),
    },
    runtime: {
      available: info.ok,
      socket: deps.runtime.socket ?? null,
      kind: info.ok ? info.value.kind : null,
      version: info.ok ? info.value.version : null,
      api_version: info.ok ? info.value.apiVersion : null,
      rootless: info.ok ? info.value.rootless : null,
      error: info.ok ? null : info.error.message,
    },
    containers: (containers ?? []).map((c) => ({
      ...containerSummaryOutput(c),
      ...withProblem(c.state, extras.get(c.id) ?? NO_EXTRAS),
    })),
    stacks: stacks.ok
      ? stacks.value.map((s) => {
        const st = stackContainers(s.name, containers);
        const stack = {
          name: s.name,
          compose_file: s.composeFile,
          state: st.state,
          running: st.running,
          containers: st.containers,
        };
        return { ...stack, problem: stackProblem(stack) };
      })
      : [],
    stacks_error: stacks.ok ? null : stacks.error.message,
    disks,
    helper: {
      available: helperFacts !== null,
      socket: deps.helper.socket,
      version: helperFacts?.helper_version ?? null,
      podman: helperFacts?.podman ?? null,
      podman_compose: helperFacts?.podman_compose ?? null,
      quadlet: helperFacts?.quadlet ?? null,
      quadlet_off_reason: helperFacts === null ? null : quadletUnsupported(helperFacts),
      error: helperInfo.ok ? null : helperInfo.error,
    },
    store: apiStoreStatus(deps.containerStore?.status()),
    stats_sample: statsSample(deps),
    alerts: {
      available: deps.alerts !== undefined,
      open: deps.alerts?.recent("open", STATUS_MAX_ALERTS) ?? [],
    },
  };
}

function statsSample(deps: ToolDeps): ApiStatus["stats_sample"] {
  const sampler = deps.statsSampler;
  if (sampler === undefined || deps.containerStore?.status().state === "down") return null;
  const at = sampler.sampledAt;
  return {
    interval_s: sampler.intervalMs / 1000,
    sampled_at: at === null ? null : new Date(at).toISOString(),
  };
}

function withProblem<E extends { health: string | null; restart_count: number | null }>(
  state: string,
  extras: E,
) {
  return { ...extras, problem: containerProblem({ state, ...extras }) };
}
