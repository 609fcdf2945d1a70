/** container_logs and container_inspect show no secret: every log line and inspect field is redacted. */
import assert from "node:assert/strict";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { registerContainerTools } from "../../../../mcp/containers/container_tools.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { testDeps } from "../_support/test_deps.ts";
import { fakeContainer, fakeRuntime } from "../dashboard/fixtures.ts";

const SECRETS = ["k-111", "pw-222", "tok-333", "pw-444", "apr1", "pw-555", "k-666"];

const leaky = {
  ...fakeContainer("web", "running", {
    command: ["app", "--api-key=k-111", "--password", "pw-222"],
    labels: {
      "traefik.http.middlewares.x.basicauth.users": "user:$$apr1$$hash",
      "traefik.http.routers.web.rule": "Host(`web.lan`)",
    },
    mounts: [{ source: "//bob:pw-555@nas/media", destination: "/media", readOnly: true }],
  }),
  logs: [
    { stream: "stdout" as const, text: "GET /api?apikey=k-666 200" },
    { stream: "stdout" as const, text: "login password: pw-222" },
    { stream: "stderr" as const, text: "sending Bearer tok-333" },
    { stream: "stdout" as const, text: "db at postgres://app:pw-444@db/app" },
    { stream: "stdout" as const, text: "started web" },
  ],
};

async function connect() {
  return await connectInMemory(testDeps({ runtime: fakeRuntime([leaky]) }), [registerContainerTools]);
}

// deno-lint-ignore no-explicit-any
const sc = (r: unknown) => (r as CallToolResult).structuredContent as any;

function assertNoSecret(value: unknown): void {
  const text = JSON.stringify(value);
  for (const s of SECRETS) assert.ok(!text.includes(s), `${s} leaked: ${text}`);
}

Deno.test("container_logs redacts every line and counts the values hidden", async () => {
  await using conn = await connect();
  const r = await conn.client.callTool({ name: "container_logs", arguments: { container: "web" } });
  assertNoSecret(r);
  assert.equal(sc(r).count, 5);
  assert.equal(sc(r).redactions, 4);
  assert.equal(sc(r).lines[4].text, "started web");
});

Deno.test("container_logs greps the redacted lines, so a guessed secret finds nothing", async () => {
  await using conn = await connect();
  const guess = await conn.client.callTool({
    name: "container_logs",
    arguments: { container: "web", grep: "pw-222" },
  });
  assert.equal(sc(guess).count, 0);
  const found = await conn.client.callTool({
    name: "container_logs",
    arguments: { container: "web", grep: "password", tail: 1 },
  });
  assertNoSecret(found);
  assert.deepEqual(sc(found).lines, [{ stream: "stdout", text: "login password: [REDACTED]" }]);
});

Deno.test("container_inspect redacts labels, command words and mount sources", async () => {
  await using conn = await connect();
  const r = await conn.client.callTool({ name: "container_inspect", arguments: { container: "web" } });
  assertNoSecret(r);
  const d = sc(r);
  assert.deepEqual(d.command, ["app", "--api-key=[REDACTED]", "--password", "[REDACTED]"]);
  assert.equal(d.labels["traefik.http.middlewares.x.basicauth.users"], "[REDACTED]");
  assert.equal(d.labels["traefik.http.routers.web.rule"], "Host(`web.lan`)");
  assert.equal(d.mounts[0].source, "//bob:[REDACTED]@nas/media");
});
