/**
 * Stack tools: list (scans the stacks dir, status from compose labels), up/down/pull/restart and
 * compose_validate through arr-helper, compose_read/compose_write on the files directly.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { err, ok, type Result } from "../../shared/result.ts";
import { sha256Hex } from "../../shared/encoding.ts";
import { listStacks, MAX_COMPOSE_BYTES, readCompose, writeCompose } from "../fs/stack_files.ts";
import { checkStackName } from "../fs/stack_name.ts";
import { restoreRedacted, shownText } from "../fs/restore_redacted.ts";
import { splitStackOutput, stackContainers } from "../clients/runtime/stack_status.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { helperOutput, tailText } from "../toolkit/helper_failure.ts";
import type { ToolFailure } from "../toolkit/tool_result.ts";

const stackField = z.string().min(1).max(128).describe(
  "Stack name: the folder under the stacks dir (e.g. media)",
);
const stateEnum = z.enum(["running", "partial", "stopped", "unknown"]);
const containerState = z.object({ name: z.string(), state: z.string() });

const opOutput = {
  stack: z.string(),
  state: stateEnum.describe("Stack state after the command, from the runtime"),
  containers: z.array(containerState),
  output: z.string().describe("End of podman-compose's output"),
};

function badStack(name: string): Result<never, ToolFailure> | null {
  const r = checkStackName(name);
  return r.ok ? null : err({ kind: "invalid_argument", message: r.error });
}

function yamlProblem(content: string): string | null {
  if (new TextEncoder().encode(content).length > MAX_COMPOSE_BYTES) {
    return `larger than ${MAX_COMPOSE_BYTES} bytes`;
  }
  try {
    const doc = parseYaml(content) as unknown;
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
      return "the top level is not a mapping";
    }
    const services = (doc as Record<string, unknown>).services;
    if (services === null || typeof services !== "object" || Array.isArray(services)) {
      return 'it has no "services" mapping';
    }
    return null;
  } catch (e) {
    return (e as Error).message.split("\n")[0] ?? "invalid YAML";
  }
}

export function registerStackTools(server: McpServer, deps: ToolDeps): void {
  const { helper, runtime, config } = deps;

  async function runStackOp(op: "stack_up" | "stack_down" | "stack_pull" | "stack_restart", stack: string) {
    const out = helperOutput(`run ${op} for stack "${stack}"`, await helper.call(op, { stack }));
    if (!out.ok) return out;
    const { text } = splitStackOutput(out.value);
    const listed = await runtime.list({ all: true });
    const status = stackContainers(stack, listed.ok ? listed.value : undefined);
    return ok({ stack, state: status.state, containers: status.containers, output: tailText(text) });
  }

  defineTool(server, deps, {
    name: "stack_list",
    title: "List stacks",
    description:
      "Lists the compose stacks in the stacks dir (one folder per stack with a compose.yaml) and " +
      "each stack's state from its containers: running (all up), partial, stopped, or unknown when the " +
      "container runtime is unreachable.",
    input: {},
    output: {
      stacks_dir: z.string(),
      stacks: z.array(z.object({
        name: z.string(),
        compose_file: z.string(),
        state: stateEnum,
        running: z.number().int(),
        containers: z.array(containerState),
      })),
      runtime_error: z.string().nullable().describe("Why states are unknown, if they are"),
    },
    access: "read",
    idempotent: true,
    run: async () => {
      const stacks = await listStacks(config.stacksDir);
      if (!stacks.ok) return err({ kind: "io", message: stacks.error });
      const listed = await runtime.list({ all: true });
      return ok({
        stacks_dir: config.stacksDir,
        stacks: stacks.value.map((s) => {
          const st = stackContainers(s.name, listed.ok ? listed.value : undefined);
          return {
            name: s.name,
            compose_file: s.composeFile,
            state: st.state,
            running: st.running,
            containers: st.containers,
          };
        }),
        runtime_error: listed.ok ? null : listed.error.message,
      });
    },
  });

  defineTool(server, deps, {
    name: "stack_up",
    title: "Start a stack",
    description: "Runs `podman-compose up -d` for a stack through arr-helper: creates and starts its " +
      "containers (recreating changed ones). Returns the resulting container states; check that every " +
      "service shows running (podman-compose reports success even when a service failed).",
    input: { stack: stackField },
    output: opOutput,
    access: "write",
    idempotent: true,
    run: async ({ stack }: { stack: string }) => badStack(stack) ?? await runStackOp("stack_up", stack),
  });

  defineTool(server, deps, {
    name: "stack_pull",
    title: "Pull a stack's images",
    description:
      "Runs `podman-compose pull` for a stack through arr-helper to fetch newer images (does not " +
      "restart anything; follow with stack_up to use them). Needs registry access.",
    input: { stack: stackField },
    output: opOutput,
    access: "write",
    idempotent: true,
    openWorld: true,
    run: async ({ stack }: { stack: string }) => badStack(stack) ?? await runStackOp("stack_pull", stack),
  });

  defineTool(server, deps, {
    name: "stack_restart",
    title: "Restart a stack",
    description: "Runs `podman-compose restart` for a stack through arr-helper (containers keep their " +
      "configuration; use stack_up after editing compose.yaml instead).",
    input: { stack: stackField },
    output: opOutput,
    access: "write",
    idempotent: false,
    run: async ({ stack }: { stack: string }) => badStack(stack) ?? await runStackOp("stack_restart", stack),
  });

  defineConfirmedTool(server, deps, {
    name: "stack_down",
    title: "Stop and remove a stack",
    description:
      "Runs `podman-compose down` for a stack through arr-helper: stops and removes its containers " +
      "and networks (volumes and bind-mounted data stay). The services are offline until stack_up.",
    input: { stack: stackField },
    output: opOutput,
    idempotent: true,
    plan: async ({ stack }: { stack: string }) => {
      const bad = badStack(stack);
      if (bad) return bad;
      const listed = await runtime.list({ all: true });
      const st = stackContainers(stack, listed.ok ? listed.value : undefined);
      return ok({
        operation: { stack, containers: st.containers.map((c) => c.name) },
        summary:
          `Stop and remove the ${st.containers.length} container(s) of stack "${stack}" (${st.running} running)`,
        details: { stack, containers: st.containers, runtime_error: listed.ok ? null : listed.error.message },
        needsConfirmation: true,
      });
    },
    execute: ({ stack }: { stack: string }) => runStackOp("stack_down", stack),
  });

  defineTool(server, deps, {
    name: "compose_validate",
    title: "Validate a stack's compose file",
    description:
      "Checks a stack's compose.yaml with `podman-compose config` through arr-helper (syntax and " +
      "interpolation; unknown keys are not caught). Changes nothing.",
    input: { stack: stackField },
    output: { stack: z.string(), valid: z.boolean(), output: z.string() },
    access: "read",
    idempotent: true,
    run: async ({ stack }: { stack: string }) => {
      const bad = badStack(stack);
      if (bad) return bad;
      const r = await helper.call("compose_validate", { stack });
      const out = helperOutput(`validate stack "${stack}"`, r);
      if (out.ok) return ok({ stack, valid: true, output: tailText(out.value) });
      if (out.error.kind === "command_failed" && r.ok) {
        return ok({ stack, valid: false, output: tailText(r.value.output) });
      }
      return out;
    },
  });

  defineTool(server, deps, {
    name: "compose_read",
    title: "Read a stack's compose file",
    description: "Returns the text of a stack's compose file. Secret values (passwords, API keys, tokens) " +
      "are shown as [REDACTED]; keep those lines unchanged when writing the file back with compose_write and " +
      "the real values are preserved.",
    input: { stack: stackField },
    output: {
      stack: z.string(),
      path: z.string(),
      content: z.string().describe("File text with secret values replaced by [REDACTED]"),
      redacted_values: z.number().int().describe("How many values were hidden"),
      sha256: z.string().describe("Digest of the real file"),
    },
    access: "read",
    idempotent: true,
    run: async ({ stack }: { stack: string }) => {
      const r = await readCompose(config.stacksDir, stack);
      if (!r.ok) return err({ kind: "invalid_argument", message: r.error });
      if (r.value.content === null || r.value.sha256 === null) {
        return err({
          kind: "not_found",
          message: `Stack "${stack}" has no compose file in ${config.stacksDir}`,
        });
      }
      const shown = shownText(r.value.content);
      return ok({
        stack,
        path: r.value.path,
        content: shown.text,
        redacted_values: shown.redacted,
        sha256: r.value.sha256,
      });
    },
  });

  defineConfirmedTool(server, deps, {
    name: "compose_write",
    title: "Write a stack's compose file",
    description:
      "Writes a stack's compose.yaml (creating the stack folder if needed). The YAML must parse and " +
      "have a services mapping. The write is atomic and the previous version is kept under " +
      ".arr-mcp-backups/ in the stacks dir. A new file is written at once; replacing an existing one needs " +
      "confirmation. Run compose_validate and stack_up afterwards to apply it.",
    input: {
      stack: stackField,
      content: z.string().min(1).max(MAX_COMPOSE_BYTES).describe(
        "The complete new compose.yaml text; lines kept as [REDACTED] from compose_read keep their real value",
      ),
    },
    output: { stack: z.string(), path: z.string(), sha256: z.string(), backup: z.string().nullable() },
    idempotent: true,
    plan: async ({ stack, content: given }: { stack: string; content: string }) => {
      const current = await readCompose(config.stacksDir, stack);
      if (!current.ok) return err({ kind: "invalid_argument", message: current.error });
      const restored = restoreRedacted(given, current.value.content);
      if (!restored.ok) return err({ kind: "invalid_argument", message: restored.error });
      const content = restored.value;
      const problem = yamlProblem(content);
      if (problem !== null) {
        return err({ kind: "invalid_argument", message: `Invalid compose content: ${problem}` });
      }
      const exists = current.value.content !== null;
      const oldLines = current.value.content?.split("\n").length ?? 0;
      return ok({
        operation: {
          stack,
          path: current.value.path,
          expectedSha256: current.value.sha256,
          content,
        },
        summary: exists
          ? `Replace ${current.value.path} (${oldLines} lines) with new content (${
            content.split("\n").length
          } lines)`
          : `Create ${current.value.path}`,
        details: {
          path: current.value.path,
          exists,
          old_sha256: current.value.sha256,
          new_sha256: sha256Hex(content),
          changed_lines: exists
            ? changedLines(shownText(current.value.content ?? "").text, shownText(content).text)
            : null,
        },
        needsConfirmation: exists,
      });
    },
    execute: async (op: { stack: string; path: string; expectedSha256: string | null; content: string }) => {
      const r = await writeCompose(config.stacksDir, op, deps.clock.now());
      if (!r.ok) return err({ kind: "conflict", message: r.error });
      return ok({
        stack: op.stack,
        path: r.value.path,
        sha256: sha256Hex(op.content),
        backup: r.value.backup,
      });
    },
  });
}

/** Lines only in the old / only in the new text (a multiset comparison, enough for a preview). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const count = (lines: string[]) => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const a = before.split("\n"), b = after.split("\n");
  const ca = count(a), cb = count(b);
  const only = (lines: string[], mine: Map<string, number>, other: Map<string, number>) => {
    const seen = new Map<string, number>();
    return lines.filter((l) => {
      const n = (seen.get(l) ?? 0) + 1;
      seen.set(l, n);
      return n > (other.get(l) ?? 0) && n <= (mine.get(l) ?? 0);
    }).slice(0, 200);
  };
  return { removed: only(a, ca, cb), added: only(b, cb, ca) };
}
