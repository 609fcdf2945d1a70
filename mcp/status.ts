/**
 * `GET /api/status`: the one JSON document the dashboard consumes. The shape is stable: fields are only ever
 * added. Collecting it never throws; each part says why it is missing.
 */
import { HelperInfo } from "../shared/helper_protocol.ts";
import type { RuntimeKind } from "./runtime/client.ts";
import { SERVER_VERSION } from "./server.ts";
import { listStacks } from "./stacks/stack_files.ts";
import { stackContainers, type StackState } from "./stacks/stack_status.ts";
import type { ToolDeps } from "./tools/deps.ts";
import { collectContainerExtras, NO_EXTRAS } from "./dashboard/container_extras.ts";
import { collectDisks, type DiskStatus } from "./dashboard/disks.ts";
import { containerProblem, stackProblem } from "./dashboard/problems.ts";

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
  containers: Array<{
    id: string;
    name: string;
    image: string;
    state: string;
    status: string;
    created: string;
    compose_project: string | null;
    ports: string[];
    /** Added in schema 1 (dashboard): health check status (`healthy`, `unhealthy`, `starting`) or null. */
    health: string | null;
    /** ISO time of the last start; null when never started or unknown. */
    started_at: string | null;
    restart_count: number | null;
    /** Running containers only; null otherwise or when stats failed. */
    cpu_percent: number | null;
    memory_bytes: number | null;
    memory_limit_bytes: number | null;
    /** Why the container needs attention (`exited`, `unhealthy`, `restarting` …); null when fine. */
    problem: string | null;
  }>;
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
    podman_compose: string | null;
    quadlet: string | null;
    error: string | null;
  };
}

export const STATUS_HELPER_TIMEOUT_MS = 3000;

export async function collectStatus(deps: ToolDeps): Promise<ApiStatus> {
  const [info, list, stacks, helper] = await Promise.all([
    deps.runtime.info(),
    deps.runtime.list({ all: true }),
    listStacks(deps.config.stacksDir),
    // The dashboard polls this: a stuck helper must not stall the page.
    deps.helper.call("info", {}, { timeoutMs: STATUS_HELPER_TIMEOUT_MS }),
  ]);
  const containers = list.ok ? list.value : undefined;
  const [extras, disks] = await Promise.all([
    collectContainerExtras(deps.runtime, containers ?? []),
    collectDisks(deps.config),
  ]);
  let helperInfo: HelperInfo | null = null;
  let helperError: string | null = null;
  if (!helper.ok) helperError = helper.error.message;
  else {
    try {
      const parsed = HelperInfo.safeParse(JSON.parse(helper.value.output));
      if (parsed.success) helperInfo = parsed.data;
      else helperError = "arr-helper answered info in an unexpected shape";
    } catch {
      helperError = "arr-helper answered info with non-JSON output";
    }
  }
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
      id: c.id,
      name: c.name,
      image: c.image,
      state: c.state,
      status: c.status,
      created: c.created,
      compose_project: c.composeProject,
      ports: c.ports,
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
    stacks_error: stacks.ok ? null : stacks.error,
    disks,
    helper: {
      available: helperInfo !== null,
      socket: deps.helper.socket,
      version: helperInfo?.helper_version ?? null,
      podman_compose: helperInfo?.podman_compose ?? null,
      quadlet: helperInfo?.quadlet ?? null,
      error: helperError,
    },
  };
}

function withProblem<E extends { health: string | null; restart_count: number | null }>(
  state: string,
  extras: E,
) {
  return { ...extras, problem: containerProblem({ state, ...extras }) };
}
