/**
 * Merge bridge, to be removed once no file imports the old path: deno.json maps the v1 SDK's
 * `@modelcontextprotocol/sdk/server/mcp.js` here, so a tool family written against v1 (`import type { McpServer }
 * from "@modelcontextprotocol/sdk/server/mcp.js"`) gets the v2 server that `defineTool` and `RegisterFamily`
 * take. New code imports from `@modelcontextprotocol/server`.
 */
export { McpServer } from "@modelcontextprotocol/server";
