import assert from "node:assert/strict";
import { memoryOAuthStore } from "../../../../mcp/oauth/memory_store.ts";
import { oauthToolsFamily } from "../../../../mcp/oauth/oauth_tools.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";

function seeded() {
  const store = memoryOAuthStore();
  store.putClient({
    clientId: "c1",
    kind: "dcr",
    name: "Claude",
    redirectUris: ["https://claude.ai/api/mcp/auth_callback"],
    createdAt: 0,
  });
  store.putGrant({
    grantId: "g1",
    clientId: "c1",
    scopes: ["arr:read"],
    resource: "r",
    createdAt: 0,
    lastUsedAt: 5,
    revokedAt: null,
  });
  store.putToken({
    hash: "h",
    kind: "access",
    grantId: "g1",
    scopes: ["arr:read"],
    expiresAt: 9e15,
    state: "active",
  });
  return store;
}

Deno.test("oauth_clients_list shows clients and grants, never a token", async () => {
  const store = seeded();
  const deps = testDeps();
  await using mcp = await connectInMemory(deps, [oauthToolsFamily(store, deps.clock)]);
  const result = await mcp.client.callTool({ name: "oauth_clients_list", arguments: {} });
  const { clients } = result.structuredContent as {
    clients: { client_id: string; grants: { grant_id: string; scopes: string[] }[] }[];
  };
  assert.deepEqual(clients.map((c) => [c.client_id, c.grants.map((g) => [g.grant_id, g.scopes])]), [["c1", [[
    "g1",
    ["arr:read"],
  ]]]]);
  assert.doesNotMatch(JSON.stringify(result), /"h"|hash/);
});

Deno.test("oauth_client_revoke previews, then revokes every grant and forgets the client with the token", async () => {
  const store = seeded();
  const deps = testDeps();
  await using mcp = await connectInMemory(deps, [oauthToolsFamily(store, deps.clock)]);
  const preview = await mcp.client.callTool({ name: "oauth_client_revoke", arguments: { client_id: "c1" } });
  const { status, confirm_token } = preview.structuredContent as { status: string; confirm_token: string };
  assert.equal(status, "confirmation_required");
  assert.equal(store.getGrant("g1")?.revokedAt, null, "the preview changes nothing");
  const done = await mcp.client.callTool({
    name: "oauth_client_revoke",
    arguments: { client_id: "c1", confirm_token },
  });
  assert.deepEqual((done.structuredContent as { result: unknown }).result, {
    client_id: "c1",
    grants_revoked: 1,
  });
  assert.equal(store.getClient("c1"), undefined);
  assert.equal(store.getToken("h"), undefined);
  const missing = await mcp.client.callTool({ name: "oauth_client_revoke", arguments: { client_id: "c1" } });
  assert.equal(missing.isError, true);
});

Deno.test("oauth_client_revoke is destructive and absent in read-only mode", async () => {
  const deps = testDeps({ config: testConfig({ readOnly: true }) });
  await using mcp = await connectInMemory(deps, [oauthToolsFamily(seeded(), deps.clock)]);
  const tools = (await mcp.client.listTools()).tools;
  assert.deepEqual(tools.map((t: { name: string }) => t.name), ["oauth_clients_list"]);
  await using full = await connectInMemory(testDeps(), [oauthToolsFamily(seeded(), deps.clock)]);
  const revoke = (await full.client.listTools()).tools.find((t: { name: string }) =>
    t.name === "oauth_client_revoke"
  );
  assert.equal(revoke?.annotations?.destructiveHint, true);
});
