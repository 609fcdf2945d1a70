/** Container tools: list, inspect, start, stop, restart, remove, logs, stats (through the runtime API). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { err, ok } from "../../shared/result.ts";
import type { ContainerDetails } from "../../shared/container_details.ts";
import { parseSince } from "../clients/runtime/since.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import { containerSummaryOutput, containerSummarySchema } from "./container_summary.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { containerName, runtimeFailure } from "../toolkit/runtime_failure.ts";

export const MAX_LOG_LINES = 5000;
export const MAX_LOG_LINE_CHARS = 2000;

const timeoutField = z.number().int().min(0).max(300).optional().describe(
  "Seconds to wait for a graceful stop before killing (default 10)",
);

export function registerContainerTools(server: McpServer, deps: ToolDeps): void {
  const { runtime } = deps;

  defineTool(server, deps, {
    name: "container_list",
    title: "List containers",
    description: "Lists containers on this host (Podman or Docker) with state, image, ports and the stack " +
      "(compose project) each belongs to. Use it first to find the exact container names other tools take.",
    input: {
      all: z.boolean().optional().describe("Include stopped containers (default true)"),
      stack: z.string().optional().describe("Only containers of this stack (compose project)"),
    },
    output: { containers: z.array(containerSummarySchema), count: z.number().int() },
    access: "read",
    idempotent: true,
    run: async ({ all, stack }: { all?: boolean | undefined; stack?: string | undefined }) => {
      const r = await runtime.list({ all: all !== false });
      if (!r.ok) return err(runtimeFailure(r.error));
      const containers = r.value.filter((c) => stack === undefined || c.composeProject === stack).map(
        containerSummaryOutput,
      );
      return ok({ containers, count: containers.length });
    },
  });

  defineTool(server, deps, {
    name: "container_inspect",
    title: "Inspect a container",
    description: "Shows one container's details: state, start/finish times, exit code, restart count and " +
      "policy, command, mounts, ports, labels, health, and the NAMES of its environment variables (values are " +
      "never shown because they often hold secrets).",
    input: { name: containerName },
    output: {
      id: z.string(),
      name: z.string(),
      image: z.string(),
      state: z.string(),
      running: z.boolean(),
      started_at: z.string().nullable(),
      finished_at: z.string().nullable(),
      exit_code: z.number().int().nullable(),
      restart_count: z.number().int(),
      restart_policy: z.string().nullable(),
      command: z.array(z.string()),
      env_names: z.array(z.string()).describe("Environment variable names only"),
      mounts: z.array(z.object({ source: z.string(), destination: z.string(), read_only: z.boolean() })),
      ports: z.array(z.string()),
      labels: z.record(z.string(), z.string()),
      health_status: z.string().nullable(),
    },
    access: "read",
    idempotent: true,
    run: async ({ name }: { name: string }) => {
      const r = await runtime.inspect(name);
      if (!r.ok) return err(runtimeFailure(r.error));
      const d = r.value;
      return ok({
        id: d.id,
        name: d.name,
        image: d.image,
        state: d.state,
        running: d.running,
        started_at: d.startedAt,
        finished_at: d.finishedAt,
        exit_code: d.exitCode,
        restart_count: d.restartCount,
        restart_policy: d.restartPolicy,
        command: d.command,
        env_names: d.envNames,
        mounts: d.mounts.map((m) => ({
          source: m.source,
          destination: m.destination,
          read_only: m.readOnly,
        })),
        ports: d.ports,
        labels: d.labels,
        health_status: d.healthStatus,
      });
    },
  });

  defineTool(server, deps, {
    name: "container_start",
    title: "Start a container",
    description:
      "Starts a stopped container. Starting one that already runs changes nothing (changed: false).",
    input: { name: containerName },
    output: { name: z.string(), changed: z.boolean().describe("False when it was already running") },
    access: "write",
    idempotent: true,
    run: async ({ name }: { name: string }) => {
      const r = await runtime.start(name);
      return r.ok ? ok({ name, changed: r.value.changed }) : err(runtimeFailure(r.error));
    },
  });

  defineConfirmedTool(server, deps, {
    name: "container_stop",
    title: "Stop a container",
    description: "Stops a container (SIGTERM, then SIGKILL after timeout_seconds). Stopping a running " +
      "container interrupts its service, so it needs confirmation; an already stopped one is a no-op.",
    input: { name: containerName, timeout_seconds: timeoutField },
    output: { name: z.string(), changed: z.boolean() },
    idempotent: true,
    plan: async ({ name, timeout_seconds }: { name: string; timeout_seconds?: number | undefined }) => {
      const r = await runtime.inspect(name);
      if (!r.ok) return err(runtimeFailure(r.error));
      const d = r.value;
      return ok({
        operation: { id: d.id, name: d.name, running: d.running, timeoutSeconds: timeout_seconds ?? 10 },
        summary: `Stop container ${described(d)}`,
        details: planDetails(d),
        needsConfirmation: d.running,
      });
    },
    execute: async (op: { id: string; name: string; timeoutSeconds: number }) => {
      const r = await runtime.stop(op.id, { timeoutSeconds: op.timeoutSeconds });
      return r.ok ? ok({ name: op.name, changed: r.value.changed }) : err(runtimeFailure(r.error));
    },
  });

  defineTool(server, deps, {
    name: "container_restart",
    title: "Restart a container",
    description: "Restarts a container (stop then start; starts it if it was stopped). Use after changing " +
      "configuration, or to recover a hung service.",
    input: { name: containerName, timeout_seconds: timeoutField },
    output: { name: z.string(), state: z.string().describe("State after the restart") },
    access: "write",
    idempotent: false,
    run: async ({ name, timeout_seconds }: { name: string; timeout_seconds?: number | undefined }) => {
      const r = await runtime.restart(name, { timeoutSeconds: timeout_seconds ?? 10 });
      if (!r.ok) return err(runtimeFailure(r.error));
      const after = await runtime.inspect(name);
      return ok({ name, state: after.ok ? after.value.state : "unknown" });
    },
  });

  defineConfirmedTool(server, deps, {
    name: "container_remove",
    title: "Remove a container",
    description:
      "Deletes a container (its writable layer is lost; named volumes and bind-mounted data stay). " +
      "A running container is refused unless force is true. A container from a stack comes back on the next " +
      "stack_up.",
    input: {
      name: containerName,
      force: z.boolean().optional().describe("Also remove it if it is running (kills it). Default false"),
    },
    output: { name: z.string(), removed: z.boolean() },
    idempotent: false,
    plan: async ({ name, force }: { name: string; force?: boolean | undefined }) => {
      const r = await runtime.inspect(name);
      if (!r.ok) return err(runtimeFailure(r.error));
      const d = r.value;
      if (d.running && force !== true) {
        return err({
          kind: "conflict",
          message: `Cannot remove container "${d.name}": it is running; stop it first or pass force: true`,
        });
      }
      return ok({
        operation: { id: d.id, name: d.name, force: force === true },
        summary: `Remove container ${described(d)}${d.running ? ", killing it" : ""}`,
        details: { ...planDetails(d), mounts_kept: d.mounts.map((m) => m.source) },
        needsConfirmation: true,
      });
    },
    execute: async (op: { id: string; name: string; force: boolean }) => {
      const r = await runtime.remove(op.id, { force: op.force });
      return r.ok ? ok({ name: op.name, removed: true }) : err(runtimeFailure(r.error));
    },
  });

  defineTool(server, deps, {
    name: "container_logs",
    title: "Read container logs",
    description:
      "Returns a container's recent log lines (stdout and stderr, marked). `tail` limits how many " +
      "lines are returned; `grep` keeps only lines containing the text (case-insensitive) and is applied to the " +
      "newest 20,000 lines (within `since`) before `tail`. Use since (e.g. 15m) plus grep (e.g. error) to find problems.",
    input: {
      name: containerName,
      tail: z.number().int().min(1).max(MAX_LOG_LINES).optional().describe(
        `Number of most recent lines to return (default 100, max ${MAX_LOG_LINES})`,
      ),
      since: z.string().max(40).optional().describe(
        "Only lines newer than this: 10m, 2h, 1d, an ISO time or unix seconds",
      ),
      grep: z.string().min(1).max(200).optional().describe(
        "Only lines containing this text (case-insensitive)",
      ),
    },
    output: {
      name: z.string(),
      lines: z.array(z.object({ stream: z.enum(["stdout", "stderr"]), text: z.string() })),
      count: z.number().int(),
    },
    access: "read",
    idempotent: true,
    run: async (
      args: {
        name: string;
        tail?: number | undefined;
        since?: string | undefined;
        grep?: string | undefined;
      },
    ) => {
      let since: number | undefined;
      if (args.since !== undefined) {
        const s = parseSince(args.since, deps.clock.now());
        if (!s.ok) return err({ kind: "invalid_argument", message: s.error });
        since = s.value;
      }
      const r = await runtime.logs(args.name, {
        tail: args.tail ?? 100,
        ...(since === undefined ? {} : { since }),
        ...(args.grep === undefined ? {} : { grep: args.grep }),
      });
      if (!r.ok) return err(runtimeFailure(r.error));
      const lines = r.value.map((l) => ({
        stream: l.stream,
        text: l.text.length > MAX_LOG_LINE_CHARS ? `${l.text.slice(0, MAX_LOG_LINE_CHARS)}…` : l.text,
      }));
      return ok({ name: args.name, lines, count: lines.length });
    },
  });

  defineTool(server, deps, {
    name: "container_stats",
    title: "Container resource usage",
    description:
      "Current CPU %, memory use/limit, network and block I/O bytes and process count of a running " +
      "container (one sample).",
    input: { name: containerName },
    output: {
      name: z.string(),
      cpu_percent: z.number(),
      mem_usage_bytes: z.number(),
      mem_limit_bytes: z.number(),
      mem_percent: z.number(),
      net_input_bytes: z.number(),
      net_output_bytes: z.number(),
      block_input_bytes: z.number(),
      block_output_bytes: z.number(),
      pids: z.number(),
    },
    access: "read",
    idempotent: true,
    run: async ({ name }: { name: string }) => {
      const r = await runtime.stats(name);
      if (!r.ok) return err(runtimeFailure(r.error));
      const s = r.value;
      return ok({
        name: s.name || name,
        cpu_percent: s.cpuPercent,
        mem_usage_bytes: s.memUsageBytes,
        mem_limit_bytes: s.memLimitBytes,
        mem_percent: s.memPercent,
        net_input_bytes: s.netInputBytes,
        net_output_bytes: s.netOutputBytes,
        block_input_bytes: s.blockInputBytes,
        block_output_bytes: s.blockOutputBytes,
        pids: s.pids,
      });
    },
  });
}

/** How a confirmation preview names the container: `"sonarr" (running, image …)`. */
function described(d: ContainerDetails): string {
  return `"${d.name}" (${d.state}, image ${d.image})`;
}

/** What a confirmation preview shows about the container it acts on. */
function planDetails(d: ContainerDetails) {
  return {
    container: d.name,
    id: d.id,
    state: d.state,
    image: d.image,
    compose_project: projectOf(d.labels),
  };
}

function projectOf(labels: Record<string, string>): string | null {
  return labels["io.podman.compose.project"] ?? labels["com.docker.compose.project"] ?? null;
}
