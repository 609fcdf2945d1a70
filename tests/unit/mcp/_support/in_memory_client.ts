/** An SDK client connected in memory to `createMcpServer(deps, families)`: how tests speak MCP without a port. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/server";
import { createMcpServer } from "../../../../mcp/server/mcp_server.ts";
import type { ToolDeps } from "../../../../mcp/toolkit/deps.ts";
import type { RegisterFamily } from "../../../../mcp/server/families.ts";

export interface InMemoryConnection extends AsyncDisposable {
  client: Client;
  /** Closes the client, then the server. */
  close(): Promise<void>;
}

export async function connectInMemory(
  deps: ToolDeps,
  families: readonly RegisterFamily[],
): Promise<InMemoryConnection> {
  const server = createMcpServer(deps, families);
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "arr-mcp-test", version: "1.0.0" });
  await client.connect(clientSide);
  const close = async () => {
    await client.close();
    await server.close();
  };
  return { client, close, [Symbol.asyncDispose]: close };
}
