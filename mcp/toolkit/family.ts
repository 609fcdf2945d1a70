import type { McpServer } from "@modelcontextprotocol/server";
import type { ToolDeps } from "./deps.ts";

/** What every tool family exports: `export function registerXTools(server, deps): void`. */
export type RegisterFamily = (server: McpServer, deps: ToolDeps) => void;
