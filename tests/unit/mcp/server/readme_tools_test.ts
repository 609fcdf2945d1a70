import assert from "node:assert/strict";
import { TOOLSETS } from "../../../../mcp/server/families.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { testDeps } from "../_support/test_deps.ts";

const REPO = new URL("../../../../", import.meta.url);

interface Row {
  tool: string;
  family: string;
  kind: string;
}

/** The rows of a markdown table under `heading` whose first cell is a `code` name. */
async function toolRows(file: string, heading: string): Promise<Row[]> {
  const text = await Deno.readTextFile(new URL(file, REPO));
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `${file} has "${heading}"`);
  const end = text.indexOf("\n## ", start + heading.length + 2);
  return text.slice(start, end < 0 ? undefined : end).split("\n")
    .map((line) => /^\| `([a-z_]+)` +\| ([a-z]+) +\| ([a-z]+) +\|/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({ tool: m[1]!, family: m[2]!, kind: m[3]! }));
}

/** Every registered tool with its family (ARR_TOOLSETS name) and kind, from the annotations. */
async function registered(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [family, register] of Object.entries(TOOLSETS)) {
    await using mcp = await connectInMemory(testDeps(), [register]);
    for (const t of (await mcp.client.listTools()).tools) {
      const a = t.annotations as { readOnlyHint: boolean; destructiveHint: boolean };
      rows.push({
        tool: t.name,
        family,
        kind: a.readOnlyHint ? "read" : a.destructiveHint ? "destructive" : "write",
      });
    }
  }
  return rows;
}

const byTool = (rows: Row[]) => [...rows].sort((a, b) => a.tool.localeCompare(b.tool));

Deno.test("README's tool table lists exactly the registered tools, each with its family and kind", async () => {
  assert.deepEqual(byTool(await toolRows("README.md", "## Tools")), byTool(await registered()));
});

Deno.test("docs/mcp.md's tool table names only registered tools, with their kind", async () => {
  const known = new Map((await registered()).map((r) => [r.tool, r]));
  const rows = await toolRows("docs/mcp.md", "## Tools (server core)");
  assert.ok(rows.length > 0);
  for (const row of rows) {
    assert.equal(known.get(row.tool)?.family, row.family, row.tool);
    assert.equal(known.get(row.tool)?.kind, row.kind, row.tool);
  }
});
