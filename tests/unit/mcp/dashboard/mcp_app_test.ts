import assert from "node:assert/strict";
import { DASHBOARD_RESOURCE_URI, registerDashboardTools } from "../../../../mcp/dashboard/dashboard_tool.ts";
import type { ToolDeps } from "../../../../mcp/toolkit/deps.ts";
import { dashboardDeps, fakeContainer } from "./fixtures.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";

function connect(deps: ToolDeps) {
  return connectInMemory(deps, [registerDashboardTools]);
}

Deno.test("dashboard_show links to a ui:// resource served as text/html;profile=mcp-app", async () => {
  const deps = await dashboardDeps([]);
  const { client, close } = await connect(deps);
  try {
    const { tools } = await client.listTools();
    const tool = tools.find((t: { name: string }) => t.name === "dashboard_show");
    assert.ok(tool, "dashboard_show is listed");
    assert.equal(
      (tool._meta?.ui as { resourceUri?: string } | undefined)?.resourceUri,
      DASHBOARD_RESOURCE_URI,
    );
    assert.equal(tool.annotations?.readOnlyHint, true);
    assert.equal(tool.annotations?.destructiveHint, false);

    const { resources } = await client.listResources();
    const listed = resources.find((r: { uri: string }) => r.uri === DASHBOARD_RESOURCE_URI);
    assert.equal(listed?.mimeType, "text/html;profile=mcp-app");

    const read = await client.readResource({ uri: DASHBOARD_RESOURCE_URI });
    const content = read.contents[0] as { uri: string; mimeType?: string; text?: string };
    assert.equal(content.mimeType, "text/html;profile=mcp-app");
    assert.match(content.text ?? "", /^<!doctype html>/i);
    assert.match(content.text ?? "", /ui\/initialize/);
    assert.match(content.text ?? "", /ui\/notifications\/tool-result/);
    assert.doesNotMatch(content.text ?? "", /https?:\/\/(?!www\.w3\.org)/, "no external origins in the view");
  } finally {
    await close();
    await Deno.remove(deps.dataDir, { recursive: true });
  }
});

Deno.test("dashboard_show returns the status as structuredContent and the same JSON as text", async () => {
  const deps = await dashboardDeps([fakeContainer("up", "running"), fakeContainer("down", "exited")]);
  const { client, close } = await connect(deps);
  try {
    const result = await client.callTool({ name: "dashboard_show", arguments: {} });
    assert.equal(result.isError, undefined);
    const s = result.structuredContent as {
      schema: number;
      problems: string[];
      containers: Array<{ name: string }>;
    };
    assert.equal(s.schema, 1);
    assert.deepEqual(s.containers.map((c) => c.name).sort(), ["down", "up"]);
    assert.ok(s.problems.some((p) => /^Container down: exited \(\d+\)/.test(p)), s.problems.join("; "));
    const text = (result.content as Array<{ type: string; text: string }>)[0]?.text ?? "";
    assert.deepEqual(JSON.parse(text), s);
  } finally {
    await close();
    await Deno.remove(deps.dataDir, { recursive: true });
  }
});
