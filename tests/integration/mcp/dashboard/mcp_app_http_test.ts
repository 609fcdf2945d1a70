/**
 * The MCP App over real Streamable HTTP: the SDK client lists and reads the ui:// resource and sees the tool's
 * `_meta.ui.resourceUri`; dashboard_show answers with real Podman data.
 */
import assert from "node:assert/strict";
import { DASHBOARD_RESOURCE_URI } from "../../../../mcp/dashboard/dashboard_tool.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { serveArrMcp } from "../../_support/harness.ts";

Deno.test("dashboard_show over HTTP links a text/html;profile=mcp-app resource and reports real containers", async () => {
  const tb = testbed();
  const name = uniqueName("dashapp");
  const served = await serveArrMcp({ env: { ARR_RUNTIME_SOCKET: tb.podmanSocket }, families: TOOL_FAMILIES });
  try {
    await podman("create", "--name", name, tb.image, "true");
    const client = await served.client();
    const { tools } = await client.listTools();
    const tool = tools.find((t: { name: string }) => t.name === "dashboard_show");
    assert.equal(
      (tool?._meta?.ui as { resourceUri?: string } | undefined)?.resourceUri,
      DASHBOARD_RESOURCE_URI,
    );
    const { resources } = await client.listResources();
    assert.equal(
      resources.find((r: { uri: string }) => r.uri === DASHBOARD_RESOURCE_URI)?.mimeType,
      "text/html;profile=mcp-app",
    );
    const read = await client.readResource({ uri: DASHBOARD_RESOURCE_URI });
    assert.equal(read.contents[0]?.mimeType, "text/html;profile=mcp-app");
    const result = await served.call("dashboard_show");
    assert.equal(result.isError, undefined);
    const mine = result.structuredContent.containers.find((c: { name: string }) => c.name === name);
    assert.equal(mine?.state, "created");
    assert.equal(mine?.problem, "never started");
    assert.ok(result.structuredContent.problems.includes(`Container ${name}: never started`));
    assert.equal(result.structuredContent.runtime.kind, "podman");
  } finally {
    await removeContainers(name);
    await served.close();
  }
});
