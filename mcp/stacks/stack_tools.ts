/**
 * Stack tools: list (scans the stacks dir, status from compose labels), up/down/pull/restart and
 * compose_validate through arr-helper, compose_read/compose_write on the files directly.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { err, ok, type Result } from "../../shared/result.ts";
import { sha256Hex } from "../../shared/encoding.ts";
import { fsAttempt } from "../fs/fs_error.ts";
import { dirname } from "node:path";
import {
  listStacks,
  MAX_COMPOSE_BYTES,
  readCompose,
  readStackEnv,
  stacksRoots,
  writeCompose,
} from "../fs/stack_files.ts";
import { checkStackName } from "../fs/stack_name.ts";
import { restoreRedacted, shownText } from "../fs/restore_redacted.ts";
import { splitStackOutput, stackContainers } from "../clients/runtime/stack_status.ts";
import { stackField } from "../toolkit/arg_fields.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { helperOutput, tailText } from "../toolkit/helper_failure.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import type { ToolFailure } from "../toolkit/tool_result.ts";
import { composeVerdict, policyField, policyRefusal, policyReport } from "../toolkit/content_policy.ts";
import { sameApproval, type StartApproval, startApprovals } from "./start_approvals.ts";

const stateEnum = z.enum(["running", "partial", "stopped", "unknown"]);
const containerState = z.object({ name: z.string(), state: z.string() });

const opOutput = {
  stack: z.string(),
  state: stateEnum,
  containers: z.array(containerState),
  output: z.string(),
};

/** The compose file's text, path and digest, or null when the stack has none. */
function composeText(f: { path: string; content: string | null; sha256: string | null }) {
  return f.content === null || f.sha256 === null
    ? null
    : { path: f.path, content: f.content, sha256: f.sha256 };
}

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
    description: "Lists the compose stacks (folders with a compose.yaml) and each one's state: running, " +
      "partial, stopped, or unknown without a runtime.",
    input: {},
    output: {
      stacks_dir: z.string(),
      stacks: z.array(z.object({
        name: z.string(),
        compose_file: z.string(),
        state: stateEnum,
        running: z.number(),
        containers: z.array(containerState),
      })),
      runtime_error: z.string().or(NULL),
    },
    access: "read",
    idempotent: true,
    run: async () => {
      const stacks = await listStacks(deps.fs, config.stacksDir);
      if (!stacks.ok) return stacks;
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

  const approvals = startApprovals(config.dataDir);

  defineConfirmedTool(server, deps, {
    name: "stack_up",
    title: "Start a stack",
    description: "podman-compose up -d. Check every container runs: podman-compose reports success even " +
      "when one failed.",
    destructiveWhen: "when compose.yaml or .env changed since last approved",
    input: { stack: stackField },
    output: opOutput,
    idempotent: true,
    plan: async ({ stack }: { stack: string }) => {
      const bad = badStack(stack);
      if (bad) return bad;
      const compose = await readCompose(deps.fs, config.stacksDir, stack);
      if (!compose.ok && compose.error.kind !== "not_found") return compose;
      const file = compose.ok ? composeText(compose.value) : null;
      if (file === null) {
        // Nothing to read or start: arr-helper and podman-compose say why (no compose file, helper down …).
        return ok({
          operation: { stack, compose: null, env: null },
          summary: `Start stack "${stack}"`,
          details: { stack },
          needsConfirmation: false,
        });
      }
      const env = await readStackEnv(deps.fs, config.stacksDir, stack);
      if (!env.ok) return env;
      const verdict = composeVerdict(deps, file.content, {
        stackDir: dirname(file.path),
        dotenv: env.value?.content ?? null,
      });
      if (verdict.decision === "refuse") return err(policyRefusal(`Cannot start stack "${stack}"`, verdict));
      const approval: StartApproval = { compose: file.sha256, env: env.value?.sha256 ?? null };
      const approved = sameApproval(await approvals.get(stack), approval);
      return ok({
        operation: { stack, ...approval },
        summary: `Start stack "${stack}": its compose file or .env is not the content last approved ` +
          `(first start through arr-mcp, or changed since)\n${verdict.text}`,
        details: { stack, compose_file: file.path, policy: policyReport(verdict) },
        // Content nobody approved (changed on disk, or never started through arr-mcp) needs approval to start,
        // flagged or not; approved content starts at once.
        needsConfirmation: !approved,
      });
    },
    execute: async (op: { stack: string; compose: string | null; env: string | null }) => {
      // Recorded before the start, so a start that fails halfway does not ask again for the same content.
      // A data dir that cannot be written only means the next start of flagged content asks again.
      if (op.compose !== null) {
        await approvals.record(op.stack, { compose: op.compose, env: op.env }).catch(() => {});
      }
      return await runStackOp("stack_up", op.stack);
    },
  });

  defineTool(server, deps, {
    name: "stack_pull",
    title: "Pull a stack's images",
    description: "podman-compose pull: fetches newer images for a stack; stack_up then uses them.",
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
    description: "podman-compose restart: restarts a stack's containers as they are (after editing " +
      "compose.yaml use stack_up).",
    input: { stack: stackField },
    output: opOutput,
    access: "write",
    idempotent: false,
    run: async ({ stack }: { stack: string }) => badStack(stack) ?? await runStackOp("stack_restart", stack),
  });

  defineConfirmedTool(server, deps, {
    name: "stack_down",
    title: "Stop and remove a stack",
    description: "podman-compose down: removes a stack's containers and networks (data stays) until the " +
      "next stack_up.",
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

  /** The policy's reading of a stack's compose file and .env as they are on disk (null: no compose file). */
  async function stackPolicy(stack: string) {
    const compose = await readCompose(deps.fs, config.stacksDir, stack);
    if (!compose.ok) return compose;
    if (compose.value.content === null) return ok(null);
    const env = await readStackEnv(deps.fs, config.stacksDir, stack);
    if (!env.ok) return env;
    const verdict = composeVerdict(deps, compose.value.content, {
      stackDir: dirname(compose.value.path),
      dotenv: env.value?.content ?? null,
    });
    return ok(policyReport(verdict));
  }

  defineTool(server, deps, {
    name: "compose_validate",
    title: "Validate a stack's compose file",
    description: "Checks a stack's compose.yaml with podman-compose config (syntax, interpolation) and the " +
      "content policy (what stack_up would ask approval for).",
    input: { stack: stackField },
    output: {
      stack: z.string(),
      valid: z.boolean(),
      output: z.string(),
      policy: policyField.or(NULL),
    },
    access: "read",
    idempotent: true,
    run: async ({ stack }: { stack: string }) => {
      const bad = badStack(stack);
      if (bad) return bad;
      const policy = await stackPolicy(stack);
      if (!policy.ok) return policy;
      const r = await helper.call("compose_validate", { stack });
      const out = helperOutput(`validate stack "${stack}"`, r);
      if (out.ok) return ok({ stack, valid: true, output: tailText(out.value), policy: policy.value });
      if (out.error.kind === "command_failed" && r.ok) {
        return ok({ stack, valid: false, output: tailText(r.value.output), policy: policy.value });
      }
      return out;
    },
  });

  defineTool(server, deps, {
    name: "compose_read",
    title: "Read a stack's compose file",
    description: "Reads a stack's compose file, secrets as [REDACTED].",
    input: { stack: stackField },
    output: {
      stack: z.string(),
      path: z.string(),
      content: z.string(),
      redacted_values: z.number(),
      sha256: z.string(),
    },
    access: "read",
    idempotent: true,
    run: async ({ stack }: { stack: string }) => {
      const r = await readCompose(deps.fs, config.stacksDir, stack);
      if (!r.ok) return r;
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
    description: "Writes a stack's compose.yaml (atomic, backed up); the preview lists the policy's flags. " +
      "Then compose_validate and stack_up.",
    input: {
      stack: stackField,
      content: z.string().min(1).max(MAX_COMPOSE_BYTES).describe(
        "The whole file; [REDACTED] lines keep their real value",
      ),
    },
    output: { stack: z.string(), path: z.string(), sha256: z.string(), backup: z.string().or(NULL) },
    idempotent: true,
    plan: async ({ stack, content: given }: { stack: string; content: string }) => {
      const current = await readCompose(deps.fs, config.stacksDir, stack);
      if (!current.ok) return current;
      if (current.value.content !== null) {
        // Refused before a token is issued: a file compose_write could not replace (foreign owner, …).
        const path = current.value.path;
        const writable = await fsAttempt(() => deps.fs.writable(path, stacksRoots(config.stacksDir)));
        if (!writable.ok) return writable;
      }
      const restored = restoreRedacted(given, current.value.content);
      if (!restored.ok) return err({ kind: "invalid_argument", message: restored.error });
      const content = restored.value;
      const problem = yamlProblem(content);
      if (problem !== null) {
        return err({ kind: "invalid_argument", message: `Invalid compose content: ${problem}` });
      }
      const env = await readStackEnv(deps.fs, config.stacksDir, stack);
      if (!env.ok) return env;
      const verdict = composeVerdict(deps, content, {
        stackDir: dirname(current.value.path),
        dotenv: env.value?.content ?? null,
      });
      if (verdict.decision === "refuse") return err(policyRefusal(`Cannot write stack "${stack}"`, verdict));
      const exists = current.value.content !== null;
      const oldLines = current.value.content?.split("\n").length ?? 0;
      return ok({
        operation: {
          stack,
          path: current.value.path,
          expectedSha256: current.value.sha256,
          content,
          env: env.value?.sha256 ?? null,
        },
        summary: `${
          exists
            ? `Replace ${current.value.path} (${oldLines} lines) with new content (${
              content.split("\n").length
            } lines)`
            : `Create ${current.value.path} (a new stack)`
        }\n${verdict.text}`,
        details: {
          path: current.value.path,
          exists,
          old_sha256: current.value.sha256,
          new_sha256: sha256Hex(content),
          changed_lines: exists
            ? changedLines(shownText(current.value.content ?? "").text, shownText(content).text)
            : null,
          policy: policyReport(verdict),
        },
        // A new stack too: what it mounts and may do is the person's to approve before stack_up can start it.
        needsConfirmation: true,
      });
    },
    execute: async (
      op: { stack: string; path: string; expectedSha256: string | null; content: string; env: string | null },
    ) => {
      const r = await writeCompose(deps.fs, config.stacksDir, op);
      if (!r.ok) return r;
      // The person approved this content (with the .env it was checked against): its first start needs no
      // second approval. A data dir that cannot be written only means stack_up asks again.
      await approvals.record(op.stack, { compose: sha256Hex(op.content), env: op.env }).catch(() => {});
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
