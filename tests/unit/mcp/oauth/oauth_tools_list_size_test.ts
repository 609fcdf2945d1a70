/** With OAuth on, the two OAuth tools join every family; tools/list must still stay under the ceiling. */
import assert from "node:assert/strict";
import { createApp } from "../../../../mcp/server/app.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { memoryOAuthStore } from "../../../../mcp/oauth/memory_store.ts";
import { createOAuthServer } from "../../../../mcp/oauth/oauth_server.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";
import { MAX_TOOLS_LIST_BYTES, toolsListOf } from "../_support/tools_list_budget.ts";

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
  const { names, bytes } = await toolsListOf(app, { key: KEY, host: "arr.example.com" });
  assert.ok(names.includes("oauth_clients_list") && names.includes("oauth_client_revoke"));
  console.log(`tools/list with OAuth: ${names.length} tools, ${bytes} bytes`);
  assert.ok(bytes <= MAX_TOOLS_LIST_BYTES, `tools/list is ${bytes} bytes, over ${MAX_TOOLS_LIST_BYTES}`);
});
