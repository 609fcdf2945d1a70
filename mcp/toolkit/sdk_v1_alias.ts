/**
 * The rooms' `McpServer` import path, kept across the move to the v2 SDK: deno.json maps the v1 SDK's
 * `@modelcontextprotocol/sdk/server/mcp.js` here, so every tool family (today's rooms and those written in
 * parallel, all importing `type { McpServer }` from that path) gets the v2 server that `defineTool` and
 * `RegisterFamily` take, without touching the rooms. The v1 package stays for its test client only.
 * New code may import from `@modelcontextprotocol/server` directly.
 */
export { McpServer } from "@modelcontextprotocol/server";
