import assert from "node:assert/strict";
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { everyToolCall, everyToolWorld } from "../_support/every_tool.ts";
import { schemaFindings } from "../_support/schema_lint.ts";
import { testDeps } from "../_support/test_deps.ts";

type Schema = Record<string, unknown>;
interface ListedTool {
  name: string;
  inputSchema: Schema;
  outputSchema?: Schema;
}

/** Strict compilers for both dialects a client may assume: 2020-12 (MCP's default) and draft-07 (older Ajv). */
function strictCompilers(): Array<{ compile(schema: Schema): ValidateFunction }> {
  return [new Ajv2020({ strict: true, allErrors: true }), new Ajv({ strict: true, allErrors: true })];
}

async function listedTools(): Promise<ListedTool[]> {
  await using mcp = await connectInMemory(testDeps(), TOOL_FAMILIES);
  return (await mcp.client.listTools()).tools as ListedTool[];
}

Deno.test("every tool's input and output schema compiles under Ajv strict mode", async () => {
  const tools = await listedTools();
  assert.equal(tools.length > 40, true);
  for (const ajv of strictCompilers()) {
    for (const tool of tools) {
      for (const schema of [tool.inputSchema, tool.outputSchema]) {
        assert.ok(schema, `${tool.name} has both schemas`);
        assert.doesNotThrow(() => ajv.compile(schema as Schema), `${tool.name}`);
      }
    }
  }
});

Deno.test("no tool schema draws a finding from the MCP Inspector's schema lint", async () => {
  const tools = await listedTools();
  const findings = tools.flatMap((tool) =>
    [["input", tool.inputSchema], ["output", tool.outputSchema]].flatMap(([kind, schema]) =>
      schemaFindings(schema).map((f) => `${tool.name} ${kind}${f.path}: ${f.rule}`)
    )
  );
  assert.deepEqual(findings, []);
});

Deno.test("schemaFindings() flags what the Inspector flags", () => {
  assert.deepEqual(schemaFindings({ type: "object", properties: { a: { type: ["string", "null"] } } }), [
    { rule: "type-union", path: ".a" },
  ]);
  assert.deepEqual(schemaFindings({ type: "object", additionalProperties: {} }), [
    { rule: "untyped-schema", path: ".additionalProperties" },
  ]);
  assert.deepEqual(schemaFindings({ type: "object", additionalProperties: true }), []);
});

Deno.test("real results of every tool validate against its listed output schema, strictly compiled", async () => {
  await using world = await everyToolWorld();
  await using mcp = await connectInMemory(world.deps, TOOL_FAMILIES);
  const tools = (await mcp.client.listTools()).tools as ListedTool[];
  const validators = strictCompilers().map((ajv) =>
    new Map(tools.map((t) => [t.name, ajv.compile(t.outputSchema as Schema)]))
  );
  const validated = new Set<string>();
  const failures: string[] = [];
  const check = (tool: string, content: unknown) => {
    for (const byTool of validators) {
      const validate = byTool.get(tool)!;
      if (!validate(content)) failures.push(`${tool}: ${JSON.stringify(validate.errors)}`);
    }
    validated.add(tool);
  };
  for (const { tool, args } of everyToolCall(world.root)) {
    const first = await mcp.client.callTool({ name: tool, arguments: args });
    if (first.isError) {
      failures.push(`${tool} failed: ${JSON.stringify(first.content)}`);
      continue;
    }
    check(tool, first.structuredContent);
    const preview = first.structuredContent as { status?: string; confirm_token?: string };
    if (preview.status !== "confirmation_required") continue;
    const done = await mcp.client.callTool({
      name: tool,
      arguments: { ...args, confirm_token: preview.confirm_token },
    });
    if (done.isError) failures.push(`${tool} with token failed: ${JSON.stringify(done.content)}`);
    else check(tool, done.structuredContent);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(
    [...validated].sort(),
    tools.map((t) => t.name).sort(),
    "every tool answered at least once",
  );
});
