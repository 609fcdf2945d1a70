/**
 * quadlet_install: installs a stack's staged units through arr-helper, confirmed (the preview pins each unit's
 * staged and installed sha256), with a rollback copy of what they replace.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { installOrder } from "../../../shared/quadlet/install_order.ts";
import { err, ok } from "../../../shared/result.ts";
import { sha256Hex } from "../../../shared/encoding.ts";
import { defineConfirmedTool } from "../../toolkit/confirm_tool.ts";
import type { ToolDeps } from "../../toolkit/deps.ts";
import { NULL } from "../../toolkit/portable_schema.ts";
import { stackField } from "../../toolkit/arg_fields.ts";
import { mergeVerdicts, policyRefusal, policyReport, quadletVerdict } from "../../toolkit/content_policy.ts";
import { diffEntry } from "./diff.ts";
import { type InstallOperation, installStaged } from "./install_run.ts";
import { installedContents } from "./installed.ts";
import { readStaged } from "./staging.ts";

export function registerQuadletInstall(server: McpServer, deps: ToolDeps): void {
  defineConfirmedTool(server, deps, {
    name: "quadlet_install",
    title: "Install a stack's staged quadlet units",
    description: "Installs the units compose_to_quadlet staged for a stack and reloads systemd; replaced " +
      "units are kept, a failed write undone. Then systemd_start.",
    input: { stack: stackField },
    output: {
      installed: z.array(z.string()),
      created: z.array(z.string()),
      replaced: z.array(z.string()),
      rollback_dir: z.string().or(NULL),
      daemon_reload: z.string(),
    },
    idempotent: false,
    plan: async ({ stack }: { stack: string }) => {
      const staged = await readStaged(deps.fs, deps.config.stacksDir, stack);
      if (!staged.ok) return staged;
      const verdict = mergeVerdicts(
        deps,
        staged.value.units.map((u) => quadletVerdict(deps, u.text, u.fileName)),
      );
      if (verdict.decision === "refuse") {
        return err(policyRefusal(`Cannot install the staged units of stack "${stack}"`, verdict));
      }
      const installed = await installedContents(deps.helper, staged.value.units.map((u) => u.fileName));
      if (!installed.ok) return installed;
      const units = installOrder(staged.value.units).map((u) => {
        const current = installed.value.get(u.fileName);
        return {
          file: u.fileName,
          sha256: sha256Hex(u.text),
          previousSha256: current === undefined ? null : sha256Hex(current),
        };
      });
      const replaced = units.filter((u) => u.previousSha256 !== null).length;
      return ok({
        operation: { stack, dir: staged.value.dir, units },
        summary:
          `Install ${units.length} quadlet unit(s) for stack "${stack}" (${units.length - replaced} new, ` +
          `${replaced} replaced) and reload systemd\n${verdict.text}`,
        details: {
          units: staged.value.units.map((u) =>
            diffEntry(u.fileName, installed.value.get(u.fileName), u.text)
          ),
          policy: policyReport(verdict),
        },
        needsConfirmation: true,
      });
    },
    execute: (op: InstallOperation) => installStaged(deps, op),
  });
}
