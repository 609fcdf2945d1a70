import assert from "node:assert/strict";
import { createMcpEndpoint } from "../../../../mcp/server/mcp_endpoint.ts";
import { createMcpServer } from "../../../../mcp/server/mcp_server.ts";
import { createToolListCache } from "../../../../mcp/server/tool_list_cache.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";
import { MODERN } from "../_support/modern_client.ts";

function listRequest(modern: boolean, id: number): Request {
  const meta = {
    "io.modelcontextprotocol/protocolVersion": MODERN,
    "io.modelcontextprotocol/clientInfo": { name: "t", version: "1" },
    "io.modelcontextprotocol/clientCapabilities": {},
  };
  return new Request("http://localhost:8484/mcp", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": modern ? MODERN : "2025-06-18",
      ...(modern ? { "mcp-method": "tools/list" } : {}),
    },
    body: JSON.stringify({ jsonrpc: "2.0", id, method: "tools/list", params: modern ? { _meta: meta } : {} }),
  });
}

Deno.test("tools/list is built once per app, for both protocol generations and every pooled server", async () => {
  const deps = testDeps();
  const cache = createToolListCache();
  let servers = 0;
  const endpoint = createMcpEndpoint({
    build: () => (servers++, createMcpServer(deps, TOOL_FAMILIES, cache)),
    maxBodyBytes: 1 << 20,
  });
  assert.equal(cache.builds, 0);
  // Concurrent requests take several servers from each era's pool.
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) => endpoint.handle(listRequest(i % 2 === 0, i)).then((r) => r.json())),
  );
  assert.ok(servers >= 2, `${servers} servers`);
  assert.equal(cache.builds, 1);
  const lists = answers.map((a) => JSON.stringify(a.result.tools));
  assert.ok(lists.every((l) => l === lists[0]));
  assert.ok(JSON.parse(lists[0]!).length > 40);
});

Deno.test("the list served from memory equals the SDK's own, for all tools and in read-only mode", async (t) => {
  for (const readOnly of [false, true]) {
    await t.step(`readOnly ${readOnly}`, async () => {
      const deps = testDeps({ config: testConfig({ readOnly }) });
      await using plain = await connectInMemory(deps, TOOL_FAMILIES);
      // As JSON: the in-memory transport passes objects with undefined keys, HTTP carries JSON.
      const sdkOwn = JSON.parse(JSON.stringify((await plain.client.listTools()).tools));
      const cache = createToolListCache();
      const endpoint = createMcpEndpoint({
        build: () => createMcpServer(deps, TOOL_FAMILIES, cache),
        maxBodyBytes: 1 << 20,
      });
      for (const modern of [false, true, false]) {
        const served = (await (await endpoint.handle(listRequest(modern, 1))).json()).result.tools;
        assert.deepEqual(served, sdkOwn);
      }
      assert.equal(cache.builds, 1);
    });
  }
});

Deno.test("a failed build is not kept: the next tools/list asks the SDK again", async () => {
  const cache = createToolListCache();
  let calls = 0;
  const handlers = new Map<string, (r: unknown, c: unknown) => Promise<unknown>>();
  handlers.set(
    "tools/list",
    () => (++calls === 1 ? Promise.reject(new Error("boom")) : Promise.resolve({ tools: [] })),
  );
  const fake = {
    server: {
      _getRequestHandler: (m: string) => handlers.get(m),
      setRequestHandler: (m: string, h: (r: unknown, c: unknown) => Promise<unknown>) => handlers.set(m, h),
    },
  };
  cache.install(fake as never);
  const list = handlers.get("tools/list")!;
  await assert.rejects(list({}, {}), /boom/);
  assert.deepEqual(await list({}, {}), { tools: [] });
  assert.deepEqual(await list({}, {}), { tools: [] });
  assert.equal(calls, 2);
});
