import assert from "node:assert/strict";
import { createApp } from "../../../../mcp/server/app.ts";
import { MCP_CORE_FAMILIES } from "../../../../mcp/server/core_families.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";

const KEY = "unit-test-key-0123456789";
const HOST = "127.0.0.1:8484";

function app() {
  return createApp(testDeps({ config: testConfig({ apiKey: KEY }) }), {
    apiKey: KEY,
    families: MCP_CORE_FAMILIES,
    logError: () => {},
  });
}

const INIT = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
});

function post(headers: Record<string, string>, body = INIT) {
  return app().request("/mcp", {
    method: "POST",
    headers: {
      host: HOST,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body,
  });
}

Deno.test("createApp() answers /mcp initialize with the right bearer key", async () => {
  const res = await post({ authorization: `Bearer ${KEY}` });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.result.serverInfo.name, "arr-mcp");
});

Deno.test("createApp() refuses /mcp without, with a wrong or a malformed key: 401 with a Bearer challenge", async () => {
  for (
    const headers of [{}, { authorization: "Bearer wrong-key-wrong-key" }, { authorization: "Basic abc" }, {
      authorization: "Bearer",
    }]
  ) {
    const res = await post(headers);
    assert.equal(res.status, 401, JSON.stringify(headers));
    assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer/);
    assert.doesNotMatch(await res.text(), new RegExp(KEY));
  }
});

Deno.test("createApp() refuses a foreign Origin with 403 and an unexpected Host with 421, even with the key", async () => {
  const origin = await post({ authorization: `Bearer ${KEY}`, origin: "http://evil.example" });
  assert.equal(origin.status, 403);
  const okOrigin = await post({ authorization: `Bearer ${KEY}`, origin: "http://localhost:8484" });
  assert.equal(okOrigin.status, 200);
  const host = await post({ authorization: `Bearer ${KEY}`, host: "evil.example:8484" });
  assert.equal(host.status, 421);
  const noPort = await post({ authorization: `Bearer ${KEY}`, host: "localhost" });
  assert.equal(noPort.status, 421);
});

Deno.test("createApp() answers GET and DELETE /mcp with 405 (stateless: no stream, no session)", async () => {
  for (const method of ["GET", "DELETE"]) {
    const res = await app().request("/mcp", {
      method,
      headers: { host: HOST, authorization: `Bearer ${KEY}` },
    });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "POST");
  }
  const anon = await app().request("/mcp", { headers: { host: HOST } });
  assert.equal(anon.status, 401);
});

Deno.test("createApp() serves /healthz without a key and reveals nothing", async () => {
  const res = await app().request("/healthz", { headers: { host: HOST } });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), "ok");
  const foreign = await app().request("/healthz", { headers: { host: "rebind.example" } });
  assert.equal(foreign.status, 421);
});

Deno.test("createApp() guards /api/status with the key as header or ?key=", async () => {
  const anon = await app().request("/api/status", { headers: { host: HOST } });
  assert.equal(anon.status, 401);
  const header = await app().request("/api/status", {
    headers: { host: HOST, authorization: `Bearer ${KEY}` },
  });
  assert.equal(header.status, 200);
  const status = await header.json();
  assert.equal(status.runtime.available, false);
  assert.match(status.runtime.error, /No container runtime socket found/);
  const query = await app().request(`/api/status?key=${KEY}`, { headers: { host: HOST } });
  assert.equal(query.status, 200);
  const wrong = await app().request("/api/status?key=nope", { headers: { host: HOST } });
  assert.equal(wrong.status, 401);
});

Deno.test("createApp() reuses servers across sequential and concurrent stateless requests", async () => {
  const a = app();
  const call = async (id: number) => {
    const res = await a.request("/mcp", {
      method: "POST",
      headers: {
        host: HOST,
        authorization: `Bearer ${KEY}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id,
        method: "tools/call",
        params: { name: "stack_list", arguments: {} },
      }),
    });
    return await res.json();
  };
  for (let i = 1; i <= 3; i++) assert.equal((await call(i)).id, i);
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => call(100 + i)));
  assert.deepEqual(answers.map((r) => r.id), Array.from({ length: 12 }, (_, i) => 100 + i));
  for (const r of answers) assert.equal(r.result.structuredContent.stacks_dir, "/opt/stacks");
});
