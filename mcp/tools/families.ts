/**
 * Every tool family, in registration order. Adding a family = one import + one entry here.
 * (This is the one file in mcp/ that other families' owners edit.)
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolDeps } from "./deps.ts";

export type RegisterFamily = (server: McpServer, deps: ToolDeps) => void;

export const TOOL_FAMILIES: readonly RegisterFamily[] = [];
