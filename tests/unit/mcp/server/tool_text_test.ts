import assert from "node:assert/strict";
import { KNOWN_SERVICES } from "../../../../mcp/clients/media/known_services.ts";
import { SERVER_INSTRUCTIONS } from "../../../../mcp/server/mcp_server.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { confirmLine } from "../../../../mcp/toolkit/confirm_tool.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { testDeps } from "../_support/test_deps.ts";

interface Property {
  description?: string;
  enum?: string[];
  pattern?: string;
  items?: Property;
}
interface ListedTool {
  name: string;
  description: string;
  inputSchema: { properties?: Record<string, Property> };
  annotations: { destructiveHint: boolean };
}

async function tools(): Promise<ListedTool[]> {
  await using mcp = await connectInMemory(testDeps(), TOOL_FAMILIES);
  return (await mcp.client.listTools()).tools as ListedTool[];
}

Deno.test("the confirm flow is explained once, in the server instructions", async () => {
  assert.match(SERVER_INSTRUCTIONS, /without confirm_token changes nothing/);
  assert.match(SERVER_INSTRUCTIONS, /"confirmation_required"/);
  for (const tool of await tools()) {
    assert.doesNotMatch(tool.description, /confirmation_required|single use|5 minutes/, tool.name);
  }
});

Deno.test("every destructive tool's description ends with the one generated confirm line", async () => {
  const destructive = (await tools()).filter((t) => t.annotations.destructiveHint);
  // 14: stack_migrate_to_quadlets (issue 12) joined the 13 before it.
  assert.equal(destructive.length, 17); // + watched_cleanup_delete, upgrade_apply, upgrade_rollback
  for (const tool of destructive) {
    const when = /Destructive( [^:]+)?: /.exec(tool.description)?.[1]?.trim();
    assert.ok(tool.description.endsWith(` ${confirmLine(when)}`), tool.name);
  }
  assert.equal(
    confirmLine("if it is running"),
    "Destructive if it is running: confirm flow (see instructions).",
  );
});

Deno.test("descriptions carry no boilerplate: no 'use it first', none longer than 400 characters", async () => {
  for (const tool of await tools()) {
    assert.doesNotMatch(tool.description, /use (it )?first/i, tool.name);
    assert.ok(tool.description.length <= 400, `${tool.name}: ${tool.description.length} characters`);
  }
});

Deno.test("arguments are named alike: container(s), stack, unit for systemd units, service for media services", async () => {
  const mediaServices = new Set([
    ...KNOWN_SERVICES.map((s) => s.key),
    "sonarr",
    "radarr",
    "prowlarr",
    "lidarr",
  ]);
  for (const tool of await tools()) {
    for (const [name, p] of Object.entries(tool.inputSchema.properties ?? {})) {
      const where = `${tool.name}.${name}`;
      if (/^Container name or ID/.test(p.description ?? "")) assert.equal(name, "container", where);
      if (/^Container/.test(p.items?.description ?? "") || name === "containers") {
        assert.equal(name, "containers", where);
      }
      if (name === "name") assert.equal(p.description, "Alias of container", where);
      if (name === "unit") assert.match(tool.name, /^systemd_/, where);
      if (name === "service" || name === "services") {
        // An enum of media services, or (credentials) a pattern of them plus `plex_user:<account>`.
        const alternatives = /^\^\((.+)\)\$$/.exec(p.pattern ?? "")?.[1]?.split("|") ?? [];
        const values = p.enum ?? p.items?.enum ??
          alternatives.filter((a) => !a.startsWith("plex_user:"));
        assert.ok(values.length > 0 && values.every((v) => mediaServices.has(v)), where);
      }
    }
  }
});
