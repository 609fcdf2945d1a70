/**
 * stack_migrate_to_quadlets: moves a running compose stack to quadlet units in one confirmed operation. The
 * preview converts (as compose_to_quadlet, for the project arr-helper runs the stack as), validates and lists
 * what changes; the execution runs the steps of migrate_steps.ts and, on a failure, its rollback.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { normalizeProjectName } from "../../../shared/quadlet/project_name.ts";
import { composeService } from "../../clients/runtime/normalize.ts";
import { err, ok, type Result } from "../../../shared/result.ts";
import { checkStackName } from "../../fs/stack_name.ts";
import { stackField } from "../../toolkit/arg_fields.ts";
import { defineConfirmedTool } from "../../toolkit/confirm_tool.ts";
import { mergeVerdicts, policyRefusal, policyReport, quadletVerdict } from "../../toolkit/content_policy.ts";
import type { ToolDeps } from "../../toolkit/deps.ts";
import { runtimeFailure } from "../../toolkit/runtime_failure.ts";
import type { ToolFailure } from "../../toolkit/tool_result.ts";
import { checkPodmanVersion, type ConvertArgs, convertFields, convertOptions } from "./convert_args.ts";
import type { ValidateUnits } from "./generator.ts";
import { FALLBACK_PODMAN, helperInfo, hostPodman } from "./host.ts";
import { installedContents } from "./installed.ts";
import { type ComposeContainer, type MigrationOperation, planMigration } from "./migrate_plan.ts";
import { migrationRunners, type MigrationRunOptions } from "./migrate_run.ts";
import { runMigration, type StepReport } from "./migrate_steps.ts";
import { convertStack } from "./stack.ts";
import { stageUnits } from "./staging.ts";
import { validateStaged } from "./validate.ts";

interface MigrateArgs extends ConvertArgs {
  stack: string;
}

export function registerStackMigrate(
  server: McpServer,
  deps: ToolDeps,
  local: ValidateUnits,
  runOptions: MigrationRunOptions = {},
): void {
  defineConfirmedTool(server, deps, {
    name: "stack_migrate_to_quadlets",
    title: "Migrate a compose stack to quadlet units",
    description: "Converts a stack (as compose_to_quadlet), installs and starts its units, stops compose " +
      "(volumes kept) and checks the volumes match; a failure undoes it all.",
    input: { stack: stackField, ...convertFields },
    output: {
      stack: z.string(),
      project: z.string(),
      units: z.array(z.string()),
      started: z.array(z.string()),
      volumes: z.array(z.string()),
      steps: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
    },
    idempotent: false,
    plan: (args: MigrateArgs) => planFor(deps, local, args),
    execute: async (op: MigrationOperation) => {
      const staged = await stageUnits(
        deps.fs,
        deps.config.stacksDir,
        op.stagingDir,
        op.units.map((u) => ({ fileName: u.file, text: u.text })),
      );
      if (!staged.ok) return staged;
      const outcome = await runMigration(migrationRunners(deps, op, runOptions), op.composeWasUp);
      const steps = outcome.steps.map(({ name, ok, detail }) => ({ name, ok, detail }));
      if (!outcome.ok) return err(migrationFailure(op.stack, outcome.failedAt ?? "", outcome.steps));
      return ok({
        stack: op.stack,
        project: op.project,
        units: op.units.map((u) => u.file),
        started: op.units.flatMap((u) => (u.service ? [u.service.unit] : [])),
        volumes: op.volumes,
        steps,
      });
    },
  });
}

async function planFor(deps: ToolDeps, local: ValidateUnits, args: MigrateArgs) {
  const name = checkStackName(args.stack);
  if (!name.ok) return err({ kind: "invalid_argument", message: name.error });
  // arr-helper runs the stack as `--project-name=<stack>`: its volumes are <stack>_<name>, so that is the project.
  const project = args.stack;
  if (normalizeProjectName(project) !== project) {
    return err({
      kind: "invalid_argument",
      message:
        `Cannot migrate stack "${args.stack}": its compose volumes are named after it as written, and ` +
        "quadlet volume names use lowercase project names; rename the stack folder in lowercase first",
    });
  }
  const version = checkPodmanVersion(args.podman_version);
  if (!version.ok) return version;
  const info = await helperInfo(deps.helper);
  const podman = args.podman_version ?? hostPodman(info) ?? FALLBACK_PODMAN;
  const converted = await convertStack(
    deps.fs,
    deps.config.stacksDir,
    args.stack,
    convertOptions(args, podman, project),
  );
  if (!converted.ok) return converted;
  const { dir, units, report, sources } = converted.value;
  const verdict = mergeVerdicts(deps, units.map((u) => quadletVerdict(deps, u.text, u.fileName)));
  if (verdict.decision === "refuse") {
    return err(policyRefusal(`Cannot migrate stack "${args.stack}"`, verdict));
  }
  const installed = await installedContents(deps.helper, units.map((u) => u.fileName));
  if (!installed.ok) return installed;
  const containers = await composeContainers(deps, project);
  if (!containers.ok) return containers;
  const validation = await validateStaged(
    deps.helper,
    info,
    local,
    units.map((u) => ({ fileName: u.fileName, text: u.text })),
  );
  const plan = planMigration({
    stack: args.stack,
    dir,
    project,
    units,
    installed: installed.value,
    sources,
    containers: containers.value,
    skipped: report.skipped,
    unsupported: report.unsupported,
    warnings: report.warnings,
    validation,
  });
  if (!plan.ok) return plan;
  const summary = `${plan.value.summary}\n${verdict.text}`;
  return ok({ ...plan.value, summary, details: { ...plan.value.details, policy: policyReport(verdict) } });
}

/** The containers of the stack's compose project, with their mounts. */
async function composeContainers(
  deps: Pick<ToolDeps, "runtime">,
  project: string,
): Promise<Result<ComposeContainer[], ToolFailure>> {
  const listed = await deps.runtime.list({ all: true });
  if (!listed.ok) return err(runtimeFailure(listed.error));
  const out: ComposeContainer[] = [];
  for (const c of listed.value.filter((c) => c.composeProject === project)) {
    const d = await deps.runtime.inspect(c.id);
    if (!d.ok) return err(runtimeFailure(d.error));
    out.push({
      id: c.id,
      name: c.name,
      service: composeService(c.labels),
      running: d.value.running,
      mounts: d.value.mounts.map((m) => ({ source: m.source, destination: m.destination })),
    });
  }
  return ok(out);
}

/** The failure: which step failed and every step as it ran, rollback included. */
function migrationFailure(stack: string, failedAt: string, steps: readonly StepReport[]): ToolFailure {
  const rolledBack = steps.filter((s) => s.rollback).every((s) => s.ok);
  const lines = steps.map((s) =>
    `${s.rollback ? "rollback " : ""}${s.name}: ${s.ok ? "ok" : "FAILED"}: ${s.detail.replaceAll("\n", "; ")}`
  );
  return {
    kind: "migration_failed",
    message: `Cannot migrate stack "${stack}": ${failedAt} failed; ${
      rolledBack ? "rolled back" : "the rollback did not complete, see the steps"
    }\n${lines.join("\n")}`,
  };
}
