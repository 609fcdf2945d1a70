import assert from "node:assert/strict";
import type { McpServer } from "@modelcontextprotocol/server";
import { createServerPool } from "../../../../mcp/server/server_pool.ts";

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
