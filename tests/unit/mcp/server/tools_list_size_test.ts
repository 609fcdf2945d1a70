import assert from "node:assert/strict";
import { createApp } from "../../../../mcp/server/app.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";
import { MAX_TOOLS_LIST_BYTES } from "../_support/tools_list_budget.ts";

const KEY = "unit-test-key-0123456789";

Deno.test("tools/list of every family stays under 60 KB on the wire", async () => {
  const config = testConfig({ apiKey: KEY, readOnly: false });
  const app = createApp(testDeps({ config }), { apiKey: KEY, families: TOOL_FAMILIES, logError: () => {} });
  const res = await app.request("/mcp", {
    method: "POST",
    headers: {
      host: "127.0.0.1:8484",
      authorization: `Bearer ${KEY}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2025-06-18",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
  });
  assert.equal(res.status, 200);
  const body = await res.json() as { result: { tools: Array<{ name: string }> } };
  const bytes = new TextEncoder().encode(JSON.stringify(body.result)).length;
  console.log(`tools/list: ${body.result.tools.length} tools, ${bytes} bytes`);
  assert.equal(body.result.tools.length >= 48, true);
  assert.ok(bytes <= MAX_TOOLS_LIST_BYTES, `tools/list is ${bytes} bytes, over ${MAX_TOOLS_LIST_BYTES}`);
});
