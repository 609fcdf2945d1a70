/** With OAuth on, the two OAuth tools join every family; tools/list must still stay under the ceiling. */
import assert from "node:assert/strict";
import { createApp } from "../../../../mcp/server/app.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { memoryOAuthStore } from "../../../../mcp/oauth/memory_store.ts";
import { createOAuthServer } from "../../../../mcp/oauth/oauth_server.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";
import { MAX_TOOLS_LIST_BYTES } from "../_support/tools_list_budget.ts";

const KEY = "unit-test-key-0123456789";

Deno.test("tools/list of every family plus the OAuth tools stays under 60 KB on the wire", async () => {
  const deps = testDeps({
    config: testConfig({
      apiKey: KEY,
      publicUrl: "https://arr.example.com",
      allowedHosts: ["arr.example.com"],
    }),
  });
  const oauth = createOAuthServer({
    publicUrl: "https://arr.example.com",
    store: memoryOAuthStore(),
    clock: deps.clock,
    fetch: deps.fetch,
  });
  const app = createApp(deps, { apiKey: KEY, families: TOOL_FAMILIES, logError: () => {}, oauth });
  const res = await app.request("/mcp", {
    method: "POST",
    headers: {
      host: "arr.example.com",
      authorization: `Bearer ${KEY}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2025-06-18",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
  });
  assert.equal(res.status, 200);
  const body = await res.json() as { result: { tools: Array<{ name: string }> } };
  const names = body.result.tools.map((t) => t.name);
  assert.ok(names.includes("oauth_clients_list") && names.includes("oauth_client_revoke"));
  const bytes = new TextEncoder().encode(JSON.stringify(body.result)).length;
  console.log(`tools/list with OAuth: ${names.length} tools, ${bytes} bytes`);
  assert.ok(bytes <= MAX_TOOLS_LIST_BYTES, `tools/list is ${bytes} bytes, over ${MAX_TOOLS_LIST_BYTES}`);
});
