import assert from "node:assert/strict";
import type { McpServer } from "@modelcontextprotocol/server";
import { createApp } from "../../../../mcp/server/app.ts";
import { createInflightGate, inflightLimits } from "../../../../mcp/server/inflight_gate.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";

Deno.test("createInflightGate() lets maxInflight run, queues maxQueued in order, and refuses the rest", async () => {
  const gate = createInflightGate({ maxInflight: 2, maxQueued: 2 });
  const a = await gate.enter();
  const b = await gate.enter();
  assert.ok(a && b);
  const order: string[] = [];
  const c = gate.enter().then((r) => (order.push("c"), r));
  const d = gate.enter().then((r) => (order.push("d"), r));
  assert.equal(await gate.enter(), null, "the queue is full");
  assert.deepEqual([gate.inflight, gate.queued], [2, 2]);
  a();
  a(); // a second release of the same slot changes nothing
  const cRelease = await c;
  assert.deepEqual([gate.inflight, gate.queued, order], [2, 1, ["c"]]);
  b();
  const dRelease = await d;
  assert.deepEqual(order, ["c", "d"]);
  cRelease!();
  dRelease!();
  assert.deepEqual([gate.inflight, gate.queued], [0, 0]);
});

Deno.test("inflightLimits() derives the queue from ARR_MCP_MAX_INFLIGHT", () => {
  assert.deepEqual(inflightLimits(32), { maxInflight: 32, maxQueued: 64 });
});

const KEY = "unit-test-key-0123456789";

Deno.test("createApp() answers 503 with Retry-After and a JSON-RPC error once the in-flight cap and queue are full", async () => {
  let open!: () => void;
  const gateOpen = new Promise<void>((resolve) => open = resolve);
  const holdFamily = (server: McpServer) => {
    server.registerTool("hold", { description: "waits" }, async () => {
      await gateOpen;
      return { content: [{ type: "text", text: "done" }] };
    });
  };
  const app = createApp(testDeps({ config: testConfig({ apiKey: KEY }) }), {
    apiKey: KEY,
    families: [holdFamily],
    logError: () => {},
    inflight: { maxInflight: 2, maxQueued: 1 },
  });
  const call = async (id: number): Promise<Response> =>
    await app.request("/mcp", {
      method: "POST",
      headers: {
        host: "127.0.0.1:8484",
        authorization: `Bearer ${KEY}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id,
        method: "tools/call",
        params: { name: "hold", arguments: {} },
      }),
    });
  const answered: Response[] = [];
  const calls = [1, 2, 3, 4, 5].map((id) => call(id).then((res) => (answered.push(res), res)));
  while (answered.length < 2) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(answered.length, 2, "two run, one waits, two are refused at once");
  const refused = [...answered];
  for (const res of refused) {
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "1");
    const body = await res.json();
    assert.equal(body.jsonrpc, "2.0");
    assert.equal(body.id, null);
    assert.equal(body.error.code, -32000);
    assert.match(body.error.message, /^Server busy: 2 MCP requests are being worked on and 1 are waiting/);
  }
  open();
  const all = await Promise.all(calls);
  const done = all.filter((res) => !refused.includes(res));
  assert.equal(done.length, 3);
  for (const res of done) {
    assert.equal(res.status, 200);
    assert.equal((await res.json()).result.content[0].text, "done");
  }
});
