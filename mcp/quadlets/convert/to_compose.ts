/** quadlet_to_compose: rebuilds compose YAML from installed or staged quadlet units. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { quadletToCompose } from "../../../shared/quadlet/reverse.ts";
import { err, ok } from "../../../shared/result.ts";
import { shownText } from "../../fs/restore_redacted.ts";
import { defineTool } from "../../toolkit/define_tool.ts";
import type { ToolDeps } from "../../toolkit/deps.ts";
import { stackField } from "../../toolkit/arg_fields.ts";
import { type ReverseSource, unitsForReverse } from "./reverse_units.ts";

export function registerQuadletToCompose(server: McpServer, deps: ToolDeps): void {
  defineTool(server, deps, {
    name: "quadlet_to_compose",
    title: "Convert quadlet units back to compose",
    description: "Rebuilds compose YAML from quadlet units: installed ones in files, a stack's installed " +
      "<stack>-* units, or (staged) its staged ones; keys that do not map back are warnings.",
    input: {
      stack: stackField.optional().describe("Stack whose units to read"),
      files: z.array(z.string().max(220)).max(200).optional().describe("Installed unit files"),
      staged: z.boolean().optional().describe("The stack's staged units instead"),
    },
    output: {
      compose_yaml: z.string(),
      units: z.array(z.string()),
      warnings: z.array(z.string()),
    },
    access: "read",
    idempotent: true,
    run: async (args: ReverseSource) => {
      const units = await unitsForReverse(deps, args);
      if (!units.ok) return units;
      const prefix = args.stack?.toLowerCase();
      const back = quadletToCompose(units.value, prefix ? { stack: prefix } : {});
      if (!back.ok) return err({ kind: "invalid_argument", message: back.error.message });
      return ok({
        compose_yaml: shownText(back.value.yaml).text,
        units: units.value.map((u) => u.fileName),
        warnings: back.value.warnings,
      });
    },
  });
}
