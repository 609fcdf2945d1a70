/** The MCP server factory: a fresh McpServer with every tool family registered (stateless: one per request). */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolDeps } from "./tools/deps.ts";
import { type RegisterFamily, TOOL_FAMILIES } from "./tools/families.ts";

export const SERVER_NAME = "arr-mcp";
export const SERVER_VERSION = "0.1.0";

export const SERVER_INSTRUCTIONS =
  "arr-mcp manages a self-hosted media server running as Podman containers. " +
  "Read-only tools never change anything. Destructive tools return a preview and a confirm_token first; show " +
  "the preview to the user and call again with the token only after they agree.";

export function createMcpServer(
  deps: ToolDeps,
  families: readonly RegisterFamily[] = TOOL_FAMILIES,
): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION },
    { capabilities: { tools: {} }, instructions: SERVER_INSTRUCTIONS },
  );
  for (const register of families) register(server, deps);
  return server;
}
