/** A real MCP SDK client over Streamable HTTP that sends the bearer key, as Claude Code does. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

export async function connectHttpClient(url: string, key: string): Promise<Client> {
  const client = new Client({ name: "arr-mcp-integration", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${key}` } },
    }),
  );
  return client;
}
