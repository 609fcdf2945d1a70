import assert from "node:assert/strict";
import { MCP_CORE_FAMILIES } from "../../../../mcp/server/core_families.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { testDeps } from "../_support/test_deps.ts";
import { fakeContainer, fakeRuntime } from "../dashboard/fixtures.ts";

export const CORE_TOOLS = [
  "compose_read",
  "compose_validate",
  "compose_write",
  "container_inspect",
  "container_list",
  "container_logs",
  "container_remove",
  "container_restart",
  "container_start",
  "container_stats",
  "container_stop",
  "quadlet_delete",
  "quadlet_list",
  "quadlet_read",
  "quadlet_write",
  "stack_down",
  "stack_list",
  "stack_pull",
  "stack_restart",
  "stack_up",
  "systemd_daemon_reload",
  "systemd_restart",
  "systemd_start",
  "systemd_status",
  "systemd_stop",
];
const DESTRUCTIVE = [
  "compose_write",
  "container_remove",
  "container_stop",
  "quadlet_delete",
  "quadlet_write",
  "stack_down",
  "systemd_restart",
  "stack_up",
  "systemd_stop",
];

async function connect() {
  return (await connectInMemory(testDeps(), MCP_CORE_FAMILIES)).client;
}

Deno.test("core tools all carry a title, described inputs, an output schema and all four annotations", async () => {
  const client = await connect();
  try {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t: { name: string }) => t.name).sort(), CORE_TOOLS);
    for (const tool of tools) {
      assert.ok(tool.title && tool.description && tool.description.length > 40, tool.name);
      assert.equal(tool.outputSchema?.type, "object", tool.name);
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        assert.ok(
          (schema as { description?: string }).description,
          `${tool.name}.${field} has no description`,
        );
      }
      const a = tool.annotations ?? {};
      for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
        assert.equal(typeof a[hint], "boolean", `${tool.name}.${hint}`);
      }
      assert.equal(a.destructiveHint, DESTRUCTIVE.includes(tool.name), tool.name);
      if (a.readOnlyHint) assert.equal(a.destructiveHint, false, tool.name);
    }
  } finally {
    await client.close();
  }
});

Deno.test("core tools without a runtime socket return a tool error that explains how to fix it", async () => {
  const client = await connect();
  try {
    const r = await client.callTool({ name: "container_logs", arguments: { container: "sonarr" } });
    assert.equal(r.isError, true);
    assert.match(JSON.stringify(r.content), /No container runtime socket found.*ARR_RUNTIME_SOCKET/);
  } finally {
    await client.close();
  }
});

Deno.test("container_stop refuses a name that is not a container name, even when the runtime knows it", async () => {
  // The runtime would inspect and stop "../x": only the name check stands in the way.
  const runtime = fakeRuntime([fakeContainer("../x", "running")]);
  const { client } = await connectInMemory(testDeps({ runtime }), MCP_CORE_FAMILIES);
  try {
    const bad = await client.callTool({ name: "container_stop", arguments: { container: "../x" } });
    assert.equal(bad.isError, true);
    const text = (bad.content as Array<{ text: string }>).map((c) => c.text).join("\n");
    assert.match(text, /expected a container name or ID \(letters, digits, _ \. -\)/);
    const good = await client.callTool({ name: "container_stop", arguments: { container: "x" } });
    assert.match(JSON.stringify(good.content), /No such container \\"x\\"/);
  } finally {
    await client.close();
  }
});
