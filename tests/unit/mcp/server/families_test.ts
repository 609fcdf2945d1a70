import assert from "node:assert/strict";
import { parseConfig } from "../../../../mcp/core/config.ts";
import { selectFamilies, TOOL_FAMILIES, TOOLSET_NAMES, TOOLSETS } from "../../../../mcp/server/families.ts";
import type { RegisterFamily } from "../../../../mcp/toolkit/family.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";

async function toolNames(families: readonly RegisterFamily[], readOnly = false) {
  await using mcp = await connectInMemory(testDeps({ config: testConfig({ readOnly }) }), families);
  const { tools } = await mcp.client.listTools();
  return tools.map((t: { name: string }) => t.name).sort();
}

Deno.test("TOOLSETS names each family once, as ARR_TOOLSETS spells it", () => {
  assert.deepEqual(TOOLSET_NAMES, [
    "containers",
    "stacks",
    "systemd",
    "quadlets",
    "files",
    "logs",
    "diagnostics",
    "dashboard",
    "media",
    "credentials",
    "convert",
    "alerts",
    "cleanup",
    "upgrades",
  ]);
  assert.equal(new Set(Object.values(TOOLSETS)).size, TOOLSET_NAMES.length);
});

Deno.test("selectFamilies() offers every family when ARR_TOOLSETS is unset", () => {
  const all = selectFamilies(undefined);
  assert.ok(all.ok);
  assert.deepEqual(all.value, TOOL_FAMILIES);
});

Deno.test("selectFamilies() offers only the named families, in registration order", async () => {
  const chosen = selectFamilies(["media", "containers"]);
  assert.ok(chosen.ok);
  assert.deepEqual(chosen.value, [TOOLSETS.containers, TOOLSETS.media]);
  const names = await toolNames(chosen.value);
  assert.ok(names.includes("container_list") && names.includes("media_queue"));
  assert.ok(!names.includes("stack_list") && !names.includes("credential_list"));
});

Deno.test("selectFamilies() refuses an unknown name, naming it and the valid ones", () => {
  const r = selectFamilies(["containers", "dockers"]);
  assert.equal(r.ok, false);
  assert.equal(
    !r.ok && r.error,
    'Invalid ARR_TOOLSETS "containers,dockers": unknown toolset "dockers" (valid: containers, stacks, systemd, ' +
      "quadlets, files, logs, diagnostics, dashboard, media, credentials, convert, alerts, cleanup, upgrades)",
  );
});

Deno.test("ARR_TOOLSETS composes with ARR_READ_ONLY: the read-only tools of the chosen families", async () => {
  const chosen = selectFamilies(["containers"]);
  assert.ok(chosen.ok);
  assert.deepEqual(await toolNames(chosen.value, true), [
    "container_inspect",
    "container_list",
    "container_logs",
    "container_stats",
  ]);
});

Deno.test("parseConfig() reads ARR_TOOLSETS as a lower-case list and leaves it unset by default", () => {
  const host = { uid: 1000, home: "/home/media" };
  const set = parseConfig({ ARR_TOOLSETS: " Containers, media ,," }, host);
  assert.ok(set.ok);
  assert.deepEqual(set.value.toolsets, ["containers", "media"]);
  const unset = parseConfig({}, host);
  assert.ok(unset.ok);
  assert.equal(unset.value.toolsets, undefined);
  const bad = parseConfig({ ARR_TOOLSETS: "media;logs" }, host);
  assert.equal(
    !bad.ok && bad.error,
    'Invalid ARR_TOOLSETS "media;logs": expected a comma-separated list of toolset names',
  );
});
