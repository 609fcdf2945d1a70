/** compose_to_quadlet: converts a stack and stages its units in `<stacks dir>/<stack>/quadlets/`. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { parseVersion } from "../../../shared/quadlet/versions.ts";
import { err, ok } from "../../../shared/result.ts";
import { shownText } from "../../fs/restore_redacted.ts";
import { checkStackName } from "../../fs/stack_name.ts";
import { defineTool } from "../../toolkit/define_tool.ts";
import type { ToolDeps } from "../../toolkit/deps.ts";
import { stackField } from "./common.ts";
import { diffEntry } from "./diff.ts";
import type { ValidateUnits } from "./generator.ts";
import { FALLBACK_PODMAN, helperInfo, hostPodman } from "./host.ts";
import { installedContents } from "./installed.ts";
import { convertStack } from "./stack.ts";
import { stageUnits } from "./staging.ts";
import { validateStaged } from "./validate.ts";

interface ComposeToQuadletArgs {
  stack: string;
  podman_version?: string | undefined;
  prefix_units?: boolean | undefined;
}

/** `local`: the fallback generator on arr-mcp's machine, used when arr-helper cannot validate. */
export function registerComposeToQuadlet(server: McpServer, deps: ToolDeps, local: ValidateUnits): void {
  const { helper } = deps;
  defineTool(server, deps, {
    name: "compose_to_quadlet",
    title: "Convert a compose stack to quadlet units",
    description:
      "Converts <stacks dir>/<stack>/compose.yaml (with the stack's .env and env_files) into Podman " +
      "quadlet units (.container/.network/.volume, .build for Podman 5.2+) named <stack>-<service>, stages them in " +
      "<stacks dir>/<stack>/quadlets/ (replacing earlier staged units) and returns them with a report of " +
      "unsupported keys and warnings, a diff against units already installed, and the quadlet generator's " +
      "verdict when one is available. Nothing is installed: review, then call quadlet_install. " +
      "Variables come only from the stack's .env. Secret values are shown as [REDACTED].",
    input: {
      stack: stackField,
      podman_version: z.string().max(16).optional().describe(
        "Target Podman release (e.g. 4.9, 5.4). Default: the host's Podman via arr-helper, else 4.9",
      ),
      prefix_units: z.boolean().optional().describe("Prefix unit names with the stack name (default true)"),
    },
    output: {
      stack: z.string(),
      staged_dir: z.string().describe("Where the units were staged"),
      podman_version: z.string().describe("The Podman release the units target"),
      units: z.array(z.object({ file: z.string(), content: z.string().describe("Redacted unit text") })),
      unsupported: z.array(z.object({ service: z.string().nullable(), key: z.string(), reason: z.string() })),
      warnings: z.array(z.string()),
      installed_diff: z.array(z.object({
        file: z.string(),
        status: z.enum(["new", "unchanged", "changed"]),
        removed: z.array(z.string()).describe("Changed lines now installed (redacted)"),
        added: z.array(z.string()).describe("Changed lines staged (redacted)"),
      })).nullable().describe("Null when arr-helper is not available to read the installed units"),
      host: z.object({
        podman: z.string().nullable(),
        quadlet: z.string().nullable().describe(
          "The host's quadlet generator version; null when it has none",
        ),
      }).nullable().describe("From arr-helper's info; null when arr-helper is not available"),
      validation: z.object({
        validated_by: z.enum(["arr-helper", "local"]).nullable().describe(
          "arr-helper: the host's generator via arr-helper; local: a generator arr-mcp may run; null: none ran",
        ),
        generator: z.string().nullable().describe("The generator that ran (path or quadlet version)"),
        ok: z.boolean().nullable().describe(
          "The generator's verdict on the staged units; null when none ran",
        ),
        messages: z.array(z.string()).describe("The generator's messages, or why validation did not run"),
      }),
    },
    access: "write",
    idempotent: true,
    run: async (args: ComposeToQuadletArgs) => {
      const stack = checkStackName(args.stack);
      if (!stack.ok) return err({ kind: "invalid_argument", message: stack.error });
      if (args.podman_version !== undefined && parseVersion(args.podman_version) === undefined) {
        return err({
          kind: "invalid_argument",
          message: `Invalid podman_version "${args.podman_version}": expected e.g. 4.9`,
        });
      }
      const info = await helperInfo(helper);
      const version = args.podman_version ?? hostPodman(info) ?? FALLBACK_PODMAN;
      const converted = await convertStack(deps.fs, deps.config.stacksDir, args.stack, {
        podmanVersion: version,
        prefix: args.prefix_units ?? true,
      });
      if (!converted.ok) return converted;
      const { dir, units, report } = converted.value;
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
        staged_dir: `${dir}/quadlets`,
        podman_version: version,
        units: units.map((u) => ({ file: u.fileName, content: shownText(u.text).text })),
        unsupported: report.unsupported,
        warnings: report.warnings,
        installed_diff: installed.ok
          ? units.map((u) => diffEntry(u.fileName, installed.value.get(u.fileName), u.text))
          : null,
        host: info === null ? null : { podman: info.podman, quadlet: info.quadlet },
        validation,
      });
    },
  });
}
