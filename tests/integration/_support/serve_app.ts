/**
 * Serves the real app (createApp: host guard, bearer auth, stateless MCP over Streamable HTTP, every tool
 * family) on a loopback port chosen by the OS, and connects the SDK's HTTP client to it.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createApp } from "../../../mcp/server/app.ts";
import type { ToolDeps } from "../../../mcp/toolkit/deps.ts";
import type { RegisterFamily } from "../../../mcp/server/families.ts";
import { connectHttpClient } from "./http_client.ts";
import { serveLoopback } from "./loopback_server.ts";

export interface ServedApp {
  client: Client;
  url: string;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function serveApp(deps: ToolDeps, families: readonly RegisterFamily[]): Promise<ServedApp> {
  const apiKey = deps.config.apiKey ?? "integration-key-0123456789abcdef";
  const server = serveLoopback();
  const port = server.port;
  const config = {
    ...deps.config,
    apiKey,
    allowedHosts: [`127.0.0.1:${port}`],
    allowedOrigins: [`http://127.0.0.1:${port}`],
  };
  const app = createApp({ ...deps, config }, { apiKey, families, logError: () => {} });
  server.handle((req) => app.fetch(req));
  const url = `${server.origin}/mcp`;
  const client = await connectHttpClient(url, apiKey);
  return {
    client,
    url,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    [Symbol.asyncDispose]: async () => {
      await client.close();
      await server.shutdown();
    },
  };
}

/** structuredContent of a result, typed loosely for assertions. */
// deno-lint-ignore no-explicit-any
export function sc(result: CallToolResult): any {
  return result.structuredContent;
}

/**
 * The `{ kind, message }` of a tool error, from structuredContent.error or else from the JSON line of the text
 * block (toolError writes both), so the tests do not depend on which of the two a client keeps.
 */
export function errorOf(result: CallToolResult): { kind: string; message: string } {
  if (!result.isError) {
    throw new Error(`Expected a tool error, got ${JSON.stringify(result.structuredContent)}`);
  }
  // deno-lint-ignore no-explicit-any
  const structured = (result.structuredContent as any)?.error;
  if (structured) return structured;
  const first = result.content[0];
  const text: string = first && first.type === "text" ? String(first.text) : "";
  const json = text.split("\n").reverse().find((l: string) => l.startsWith("{"));
  if (!json) return { kind: "unknown", message: text };
  return JSON.parse(json).error;
}
