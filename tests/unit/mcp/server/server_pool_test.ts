import assert from "node:assert/strict";
import type { McpServer } from "@modelcontextprotocol/server";
import { createServerPool } from "../../../../mcp/server/server_pool.ts";
import { createMcpServer } from "../../../../mcp/server/mcp_server.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { testDeps } from "../_support/test_deps.ts";

Deno.test("createServerPool() builds only when no idle server is left and keeps at most maxIdle", () => {
  let built = 0;
  const pool = createServerPool(() => ({ id: ++built } as unknown as McpServer), 2);
  const a = pool.acquire(), b = pool.acquire(), c = pool.acquire();
  assert.equal(built, 3);
  pool.release(a);
  pool.release(b);
  pool.release(c);
  assert.equal(pool.idle, 2);
  assert.equal(pool.acquire(), b);
  assert.equal(built, 3);
});

Deno.test("pooled servers of one app share every tool's built schemas; another deps object builds its own", () => {
  const deps = testDeps();
  const registered = (server: McpServer) =>
    (server as unknown as {
      _registeredTools: Record<string, { inputSchema: unknown; outputSchema: unknown }>;
    })
      ._registeredTools;
  const first = registered(createMcpServer(deps, TOOL_FAMILIES));
  const second = registered(createMcpServer(deps, TOOL_FAMILIES));
  const names = Object.keys(first);
  assert.ok(names.length > 50, `${names.length} tools`);
  for (const name of names) {
    assert.equal(second[name]?.inputSchema, first[name]?.inputSchema, name);
    assert.equal(second[name]?.outputSchema, first[name]?.outputSchema, name);
  }
  const other = registered(createMcpServer(testDeps(), TOOL_FAMILIES));
  assert.notEqual(other.container_list?.inputSchema, first.container_list?.inputSchema);
});
