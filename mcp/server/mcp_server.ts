/** The MCP server factory: a fresh McpServer with every tool family registered (stateless: one per request). */
import { McpServer } from "@modelcontextprotocol/server";
import { SERVER_NAME, SERVER_VERSION } from "../core/server_info.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import type { RegisterFamily } from "../toolkit/family.ts";
import { SERVER_INSTRUCTIONS } from "./instructions.ts";
import type { ToolListCache } from "./tool_list_cache.ts";

export { SERVER_INSTRUCTIONS };

/**
 * `families`: the chosen families (server/families.ts `selectFamilies`) from main.ts; tests pass a subset.
 * `toolList`: shared by every server of one app so `tools/list` is built once (tool_list_cache.ts).
 */
export function createMcpServer(
  deps: ToolDeps,
  families: readonly RegisterFamily[],
  toolList?: ToolListCache,
): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION },
    // listChanged false: the tool list is fixed for the life of the process (tool_list_cache.ts).
    { capabilities: { tools: { listChanged: false } }, instructions: SERVER_INSTRUCTIONS },
  );
  for (const register of families) register(server, deps);
  toolList?.install(server);
  return server;
}
