import assert from "node:assert/strict";
import { createApp } from "../../../../mcp/server/app.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";
import { MAX_TOOLS_LIST_BYTES, toolsListOf } from "../_support/tools_list_budget.ts";

const KEY = "unit-test-key-0123456789";

Deno.test("tools/list of every family stays under 60 KB on the wire", async () => {
  const config = testConfig({ apiKey: KEY, readOnly: false });
  const app = createApp(testDeps({ config }), { apiKey: KEY, families: TOOL_FAMILIES, logError: () => {} });
  const { names, bytes } = await toolsListOf(app, { key: KEY, host: "127.0.0.1:8484" });
  console.log(`tools/list: ${names.length} tools, ${bytes} bytes`);
  assert.equal(names.length >= 48, true);
  assert.ok(bytes <= MAX_TOOLS_LIST_BYTES, `tools/list is ${bytes} bytes, over ${MAX_TOOLS_LIST_BYTES}`);
});
