/** Container tools: list, inspect, start, stop, restart, remove, logs, stats (through the runtime API). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { err, ok } from "../../shared/result.ts";
import type { ContainerDetails } from "../../shared/container_details.ts";
import { redactContainerDetails, redactSecrets } from "../../shared/redact/mod.ts";
import { GREP_SCAN_LINES } from "../clients/runtime/http_runtime.ts";
import { parseSince } from "../clients/runtime/since.ts";
import { MAX_LINE_CHARS } from "../fs/search_lines.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import { containerSummaryOutput, containerSummarySchema } from "./container_summary.ts";
import { containerField } from "../toolkit/arg_fields.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import { runtimeFailure } from "../toolkit/runtime_failure.ts";

export const MAX_LOG_LINES = 5000;

const timeoutField = z.number().int().min(0).max(300).optional().describe(
  "Seconds before SIGKILL (default 10)",
);

/** The argument was `name` before it became `container` like everywhere else. */
const RENAMED = { name: "container" } as const;

export function registerContainerTools(server: McpServer, deps: ToolDeps): void {
  const { runtime } = deps;

  defineTool(server, deps, {
    name: "container_list",
    title: "List containers",
    description: "Lists containers with state, image, ports and stack (compose project).",
    input: {
      all: z.boolean().optional().describe("Include stopped ones (default true)"),
      stack: z.string().optional().describe("Only this stack's containers"),
    },
    output: { containers: z.array(containerSummarySchema), count: z.number() },
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
    description: "One container's details: state, times, exit code, restarts, command, mounts, ports, " +
      "labels, health and env variable names (never values); secrets redacted.",
    input: { container: containerField },
    renamed: RENAMED,
    output: {
      id: z.string(),
      name: z.string(),
      image: z.string(),
      state: z.string(),
      running: z.boolean(),
      started_at: z.string().or(NULL),
      finished_at: z.string().or(NULL),
      exit_code: z.number().or(NULL),
      restart_count: z.number(),
      restart_policy: z.string().or(NULL),
      command: z.array(z.string()),
      env_names: z.array(z.string()),
      mounts: z.array(z.object({ source: z.string(), destination: z.string(), read_only: z.boolean() })),
      ports: z.array(z.string()),
      labels: z.record(z.string(), z.string()),
      health_status: z.string().or(NULL),
    },
    access: "read",
    idempotent: true,
    run: async ({ container }: { container: string }) => {
      const r = await runtime.inspect(container);
      if (!r.ok) return err(runtimeFailure(r.error));
      const d = redactContainerDetails(r.value);
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
    description: "Starts a stopped container; one already running is left alone (changed: false).",
    input: { container: containerField },
    renamed: RENAMED,
    output: { name: z.string(), changed: z.boolean() },
    access: "write",
    idempotent: true,
    run: async ({ container }: { container: string }) => {
      const r = await runtime.start(container);
      return r.ok ? ok({ name: container, changed: r.value.changed }) : err(runtimeFailure(r.error));
    },
  });

  defineConfirmedTool(server, deps, {
    name: "container_stop",
    title: "Stop a container",
    description: "Stops a container (SIGTERM, then SIGKILL after timeout_seconds).",
    destructiveWhen: "if it is running",
    input: { container: containerField, timeout_seconds: timeoutField },
    renamed: RENAMED,
    output: { name: z.string(), changed: z.boolean() },
    idempotent: true,
    plan: async (
      { container, timeout_seconds }: { container: string; timeout_seconds?: number | undefined },
    ) => {
      const r = await runtime.inspect(container);
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
    description: "Restarts a container (starts it if stopped), e.g. to recover a hung service.",
    input: { container: containerField, timeout_seconds: timeoutField },
    renamed: RENAMED,
    output: { name: z.string(), state: z.string() },
    access: "write",
    idempotent: false,
    run: async (
      { container, timeout_seconds }: { container: string; timeout_seconds?: number | undefined },
    ) => {
      const r = await runtime.restart(container, { timeoutSeconds: timeout_seconds ?? 10 });
      if (!r.ok) return err(runtimeFailure(r.error));
      const after = await runtime.inspect(container);
      return ok({ name: container, state: after.ok ? after.value.state : "unknown" });
    },
  });

  defineConfirmedTool(server, deps, {
    name: "container_remove",
    title: "Remove a container",
    description: "Deletes a container; volumes and bind-mounted data stay (a stack's returns on stack_up).",
    input: {
      container: containerField,
      force: z.boolean().optional().describe("Kill it if running (default false: refused)"),
    },
    renamed: RENAMED,
    output: { name: z.string(), removed: z.boolean() },
    idempotent: false,
    plan: async ({ container, force }: { container: string; force?: boolean | undefined }) => {
      const r = await runtime.inspect(container);
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
    description: "A container's recent stdout/stderr lines, redacted. grep filters the newest 20,000 " +
      "lines (within since) before tail.",
    input: {
      container: containerField,
      tail: z.number().int().min(1).max(MAX_LOG_LINES).optional().describe(
        "Newest lines to return (default 100)",
      ),
      since: z.string().max(40).optional().describe("10m, 2h, 1d, an ISO time or unix seconds"),
      grep: z.string().min(1).max(200).optional().describe("Text the lines contain (case-insensitive)"),
    },
    renamed: RENAMED,
    output: {
      name: z.string(),
      lines: z.array(z.object({ stream: z.enum(["stdout", "stderr"]), text: z.string() })),
      count: z.number(),
      redactions: z.number().describe("Secret values replaced by [REDACTED]"),
    },
    access: "read",
    idempotent: true,
    run: async (
      args: {
        container: string;
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
      const tail = args.tail ?? 100;
      // grep runs over redacted lines: matching the raw text would tell whether a log holds a guessed secret.
      const r = await runtime.logs(args.container, {
        tail: args.grep === undefined ? tail : GREP_SCAN_LINES,
        ...(since === undefined ? {} : { since }),
      });
      if (!r.ok) return err(runtimeFailure(r.error));
      const redacted = r.value.map((l) => ({ stream: l.stream, ...redactSecrets(l.text) }));
      const needle = args.grep?.toLowerCase();
      const matching = needle === undefined
        ? redacted
        : redacted.filter((l) => l.text.toLowerCase().includes(needle));
      const kept = matching.slice(Math.max(0, matching.length - tail));
      const redactions = kept.reduce((sum, l) => sum + l.count, 0);
      const lines = kept.map((l) => ({
        stream: l.stream,
        text: l.text.length > MAX_LINE_CHARS ? `${l.text.slice(0, MAX_LINE_CHARS)}…` : l.text,
      }));
      return ok({ name: args.container, lines, count: lines.length, redactions });
    },
  });

  defineTool(server, deps, {
    name: "container_stats",
    title: "Container resource usage",
    description:
      "One sample of a running container's CPU %, memory, network and block I/O and process count.",
    input: { container: containerField },
    renamed: RENAMED,
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
    run: async ({ container }: { container: string }) => {
      const r = await runtime.stats(container);
      if (!r.ok) return err(runtimeFailure(r.error));
      const s = r.value;
      return ok({
        name: s.name || container,
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
