/** compose_to_quadlet: converts a stack and stages its units in `<stacks dir>/<stack>/quadlets/`. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { err, ok } from "../../../shared/result.ts";
import { shownText } from "../../fs/restore_redacted.ts";
import { checkStackName } from "../../fs/stack_name.ts";
import { defineTool } from "../../toolkit/define_tool.ts";
import type { ToolDeps } from "../../toolkit/deps.ts";
import { NULL } from "../../toolkit/portable_schema.ts";
import { stackField } from "../../toolkit/arg_fields.ts";
import { checkPodmanVersion, type ConvertArgs, convertFields, convertOptions } from "./convert_args.ts";
import { diffEntry } from "./diff.ts";
import type { ValidateUnits } from "./generator.ts";
import { FALLBACK_PODMAN, helperInfo, hostPodman } from "./host.ts";
import { installedContents } from "./installed.ts";
import { convertStack } from "./stack.ts";
import { stageUnits } from "./staging.ts";
import { validateStaged } from "./validate.ts";

interface ComposeToQuadletArgs extends ConvertArgs {
  stack: string;
  project_name?: string | undefined;
}

/** `local`: the fallback generator on arr-mcp's machine, used when arr-helper cannot validate. */
export function registerComposeToQuadlet(server: McpServer, deps: ToolDeps, local: ValidateUnits): void {
  const { helper } = deps;
  defineTool(server, deps, {
    name: "compose_to_quadlet",
    title: "Convert a compose stack to quadlet units",
    description: "Converts a stack's compose.yaml and .env into quadlet units <stack>-<service>, staged in " +
      "<stack>/quadlets/, with unsupported keys, a diff to installed units and the generator's verdict. " +
      "Installs nothing.",
    input: {
      stack: stackField,
      ...convertFields,
      project_name: z.string().min(1).max(128).optional().describe(
        "Compose project name (default as compose)",
      ),
    },
    output: {
      stack: z.string(),
      project: z.string(),
      staged_dir: z.string(),
      podman_version: z.string(),
      units: z.array(z.object({ file: z.string(), content: z.string() })),
      unsupported: z.array(z.object({ service: z.string().or(NULL), key: z.string(), reason: z.string() })),
      warnings: z.array(z.string()),
      report: z.object({
        skipped: z.array(z.object({ service: z.string(), reason: z.string() })).describe(
          "Services not converted, and why",
        ),
      }),
      installed_diff: z.array(z.object({
        file: z.string(),
        status: z.enum(["new", "unchanged", "changed"]),
        removed: z.array(z.string()),
        added: z.array(z.string()),
      })).or(NULL).describe("Null without arr-helper"),
      host: z.object({ podman: z.string().or(NULL), quadlet: z.string().or(NULL) }).or(NULL).describe(
        "Null without arr-helper",
      ),
      validation: z.object({
        validated_by: z.enum(["arr-helper", "local"]).or(NULL),
        generator: z.string().or(NULL),
        ok: z.boolean().or(NULL),
        messages: z.array(z.string()),
      }),
    },
    access: "write",
    idempotent: true,
    run: async (args: ComposeToQuadletArgs) => {
      const stack = checkStackName(args.stack);
      if (!stack.ok) return err({ kind: "invalid_argument", message: stack.error });
      const versionCheck = checkPodmanVersion(args.podman_version);
      if (!versionCheck.ok) return versionCheck;
      const info = await helperInfo(helper);
      const version = args.podman_version ?? hostPodman(info) ?? FALLBACK_PODMAN;
      const converted = await convertStack(
        deps.fs,
        deps.config.stacksDir,
        args.stack,
        convertOptions(args, version, args.project_name),
      );
      if (!converted.ok) return converted;
      const { dir, units, report, project } = converted.value;
      const staged = await stageUnits(deps.fs, deps.config.stacksDir, `${dir}/quadlets`, units);
      if (!staged.ok) return staged;
      const installed = await installedContents(helper, units.map((u) => u.fileName));
      const validation = await validateStaged(
        helper,
        info,
        local,
        units.map((u) => ({ fileName: u.fileName, text: u.text })),
      );
      return ok({
        stack: args.stack,
        project,
        staged_dir: `${dir}/quadlets`,
        podman_version: version,
        units: units.map((u) => ({ file: u.fileName, content: shownText(u.text).text })),
        unsupported: report.unsupported,
        warnings: [...report.warnings, ...projectWarning(args.stack, project)],
        report: { skipped: report.skipped },
        installed_diff: installed.ok
          ? units.map((u) => diffEntry(u.fileName, installed.value.get(u.fileName), u.text))
          : null,
        host: info === null ? null : { podman: info.podman, quadlet: info.quadlet },
        validation,
      });
    },
  });
}

/**
 * arr-helper runs a stack as compose project `<stack>` (`--project-name`), so that is where its volumes are; a
 * conversion under another project name would start the units on new, empty volumes.
 */
function projectWarning(stack: string, project: string): string[] {
  if (project === stack) return [];
  return [
    `project "${project}" is not the stack name: arr-helper runs the stack as project "${stack}" (volumes ` +
    `${stack}_<name>); pass project_name "${stack}" to keep using them`,
  ];
}
