import assert from "node:assert/strict";
import { z } from "zod";
import { inputObject, withNewNames } from "../../../../mcp/toolkit/arg_alias.ts";
import { MCP_CORE_FAMILIES } from "../../../../mcp/server/core_families.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { testDeps } from "../_support/test_deps.ts";
import { fakeContainer, fakeRuntime } from "../dashboard/fixtures.ts";

const shape = { container: z.string().min(1).describe("Container name or ID"), tail: z.number().optional() };

Deno.test("inputObject() takes the old name and hands the tool the new one", () => {
  const schema = inputObject(shape, { name: "container" });
  assert.deepEqual(schema.parse({ name: "sonarr", tail: 5 }), { container: "sonarr", tail: 5 });
  assert.deepEqual(schema.parse({ container: "sonarr" }), { container: "sonarr" });
});

Deno.test("inputObject() refuses both names at once, neither, or an old-name value the new field refuses", () => {
  const schema = inputObject(shape, { name: "container" });
  const both = schema.safeParse({ name: "a", container: "b" });
  assert.equal(both.success, false);
  assert.match(both.error?.issues[0]?.message ?? "", /^Cannot take both "container" and "name"/);
  const neither = schema.safeParse({ tail: 1 });
  assert.equal(neither.error?.issues[0]?.message, 'Missing argument "container"');
  assert.equal(schema.safeParse({ name: "" }).success, false);
  // The alias is listed without constraints; its value is still checked as the new name's.
  assert.equal(schema.safeParse({ name: 42 }).success, false);
});

Deno.test("inputObject() lists the new name as required and says the old one is still accepted", () => {
  const json = z.toJSONSchema(inputObject(shape, { name: "container" }), { io: "input" }) as {
    required: string[];
    properties: Record<string, { description?: string }>;
  };
  assert.deepEqual(json.required, ["container"]);
  assert.equal(json.properties.container?.description, "Container name or ID");
  assert.equal(json.properties.name?.description, "Alias of container");
});

Deno.test("withNewNames() moves only names that are present", () => {
  assert.deepEqual(withNewNames({ a: 1, name: "x" }, { name: "container" }), { a: 1, container: "x" });
  assert.deepEqual(withNewNames({ a: 1 }, { name: "container" }), { a: 1 });
});

Deno.test("container tools still accept the old argument name `name`", async () => {
  const deps = testDeps({ runtime: fakeRuntime([fakeContainer("sonarr", "running")]) });
  await using mcp = await connectInMemory(deps, MCP_CORE_FAMILIES);
  const old = await mcp.client.callTool({ name: "container_inspect", arguments: { name: "sonarr" } });
  assert.equal(old.isError, undefined);
  assert.equal((old.structuredContent as { name: string }).name, "sonarr");
  const now = await mcp.client.callTool({ name: "container_inspect", arguments: { container: "sonarr" } });
  assert.deepEqual(now.structuredContent, old.structuredContent);
});
