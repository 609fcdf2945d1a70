/**
 * `dashboard_show` (read-only): the overview as an MCP App. The tool's `_meta.ui.resourceUri` points to the
 * `ui://arr-mcp/dashboard.html` resource (`text/html;profile=mcp-app`), which Claude web/Desktop render and
 * fill with this tool's structuredContent. Clients without Apps get the same data as JSON text.
 * Registered with @modelcontextprotocol/ext-apps' server helpers (they set `_meta.ui` and the legacy key).
 */
import {
  registerAppResource,
  registerAppTool,
  RESOURCE_MIME_TYPE,
} from "@modelcontextprotocol/ext-apps/server";
import type { McpServer } from "@modelcontextprotocol/server";
import type { CallToolResult } from "@modelcontextprotocol/server";
import { z } from "zod";
import appHtml from "../../templates/mcp_app.html" with { type: "text" };
import { withProblems } from "./problems.ts";
import { redactText } from "../../shared/redact/mod.ts";
import { collectStatus } from "./status.ts";
import { portLinks } from "./port_links.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { freeObject, NULL, outputObject, toolObject } from "../toolkit/portable_schema.ts";
import { toolError, toolSuccess } from "../toolkit/tool_result.ts";

export const DASHBOARD_RESOURCE_URI = "ui://arr-mcp/dashboard.html";
export { RESOURCE_MIME_TYPE as MCP_APP_MIME_TYPE };

/** The /api/status document (docs/dashboard.md); its parts stay free-form here to keep tools/list small. */
const outputShape = {
  schema: z.literal(1),
  problems: z.array(z.string()),
  arr_mcp: freeObject(),
  runtime: freeObject(),
  containers: z.array(freeObject()),
  stacks: z.array(freeObject()),
  stacks_error: z.string().or(NULL),
  disks: z.array(freeObject()),
  helper: freeObject(),
  alerts: freeObject(),
  store: freeObject().or(NULL),
  stats_sample: freeObject().or(NULL),
};
/** Built once for every pooled server (define_tool.ts says why). */
const INPUT_SCHEMA = toolObject(z.object({}));
const OUTPUT_SCHEMA = outputObject(outputShape);

export function registerDashboardTools(server: McpServer, deps: ToolDeps): void {
  registerAppResource(
    server,
    "arr-mcp dashboard",
    DASHBOARD_RESOURCE_URI,
    // ext-apps' d.ts types this through the SDK's ResourceMetadata, which Deno does not resolve from there.
    {
      mimeType: RESOURCE_MIME_TYPE,
      description: "Interactive overview of the media server's containers, stacks and disks",
    } as Parameters<typeof registerAppResource>[3],
    () =>
      Promise.resolve({
        contents: [{
          uri: DASHBOARD_RESOURCE_URI,
          mimeType: RESOURCE_MIME_TYPE,
          text: appHtml,
          _meta: { ui: { prefersBorder: true } },
        }],
      }),
  );

  registerAppTool(
    server,
    "dashboard_show",
    {
      title: "Show the dashboard",
      description: "The server at a glance: runtime, arr-helper, disks, stacks, containers (state, " +
        "health, restarts, CPU, memory) and problems; interactive where supported.",
      inputSchema: INPUT_SCHEMA,
      outputSchema: OUTPUT_SCHEMA,
      annotations: {
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
      _meta: { ui: { resourceUri: DASHBOARD_RESOURCE_URI } },
    },
    async (): Promise<CallToolResult> => {
      try {
        const status = await collectStatus(deps);
        // Port labels for the view; no host is known inside the client, so all-interface ports get no link.
        const containers = status.containers.map((c) => ({
          ...c,
          port_links: portLinks(c.ports, undefined),
        }));
        return toolSuccess(withProblems({ ...status, containers }));
      } catch (e) {
        const message = redactText(`Internal error: ${(e as Error).message}`, [deps.config.apiKey ?? ""]);
        return toolError({ kind: "internal", message });
      }
    },
  );
}
