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
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { withProblems } from "./problems.ts";
import { redactText } from "../core/redact.ts";
import { collectStatus } from "./status.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { toolError, toolSuccess } from "../toolkit/tool_result.ts";

export const DASHBOARD_RESOURCE_URI = "ui://arr-mcp/dashboard.html";
export { RESOURCE_MIME_TYPE as MCP_APP_MIME_TYPE };

let appHtml: Promise<string> | undefined;
function readAppHtml(): Promise<string> {
  appHtml ??= Deno.readTextFile(new URL("../../templates/mcp_app.html", import.meta.url)).catch((e) => {
    appHtml = undefined;
    throw e;
  });
  return appHtml;
}

const loose = z.looseObject({});
const outputShape = {
  schema: z.literal(1).describe("Version of the /api/status document shape (see docs/dashboard.md)"),
  problems: z.array(z.string()).describe(
    "Everything that needs attention, most fundamental first; empty when all is well",
  ),
  arr_mcp: loose.describe("arr-mcp version, read-only mode, generation time"),
  runtime: loose.describe("Container runtime: available, kind (podman/docker), version, rootless, error"),
  containers: z.array(loose).describe(
    "Every container: name, image, state, health, started_at, restart_count, cpu_percent, memory_bytes, problem",
  ),
  stacks: z.array(loose).describe("Stacks in the stacks dir: name, state (running/partial/stopped), problem"),
  stacks_error: z.string().nullable().describe("Why the stacks dir could not be read, or null"),
  disks: z.array(loose).describe("Disk usage of the stacks and media filesystems"),
  helper: loose.describe("arr-helper: available, version, podman-compose and quadlet versions, error"),
};

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
    async () => ({
      contents: [{
        uri: DASHBOARD_RESOURCE_URI,
        mimeType: RESOURCE_MIME_TYPE,
        text: await readAppHtml(),
        _meta: { ui: { prefersBorder: true } },
      }],
    }),
  );

  registerAppTool(
    server,
    "dashboard_show",
    {
      title: "Show the dashboard",
      description:
        "Shows the media server at a glance: container runtime, arr-helper, disk usage, every stack " +
        "and every container with state, health, uptime, restarts, CPU and memory, and a list of problems " +
        "(stopped, unhealthy or restarting containers, partial stacks, unavailable runtime or helper, full " +
        "disks). Renders as an interactive view where supported; always returns the same data as JSON. " +
        "Use it first when the user asks how things are going. Changes nothing.",
      inputSchema: {},
      outputSchema: outputShape,
      annotations: {
        title: "Show the dashboard",
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
        return toolSuccess(withProblems(status));
      } catch (e) {
        const message = redactText(`Internal error: ${(e as Error).message}`, [deps.config.apiKey ?? ""]);
        return toolError({ kind: "internal", message });
      }
    },
  );
}
