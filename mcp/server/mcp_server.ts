/** The MCP server factory: a fresh McpServer with every tool family registered (stateless: one per request). */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SERVER_NAME, SERVER_VERSION } from "../core/server_info.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import type { RegisterFamily } from "../toolkit/family.ts";

export const SERVER_INSTRUCTIONS =
  "arr-mcp manages a self-hosted media server running as Podman containers. " +
  "Read-only tools never change anything. Destructive tools return a preview and a confirm_token first; show " +
  "the preview to the user and call again with the token only after they agree.";

/** `families`: TOOL_FAMILIES (server/families.ts) from main.ts; tests pass a subset. */
export function createMcpServer(deps: ToolDeps, families: readonly RegisterFamily[]): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION },
    { capabilities: { tools: {} }, instructions: SERVER_INSTRUCTIONS },
  );
  for (const register of families) register(server, deps);
  return server;
}
