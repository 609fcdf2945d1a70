/**
 * The MCP SDK's own OAuth client runs the whole flow against arr-mcp on loopback: discovery from the 401,
 * registration (DCR, and a client metadata document served by a loopback server), authorization with PKCE,
 * consent approved through the real dashboard sign-in and form, token, tools/list, a tool call, refresh and
 * revocation.
 */
import assert from "node:assert/strict";
import { auth, UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  AdminBrowser,
  serveClientMetadata,
  serveWithOAuth,
  TEST_REDIRECT,
  TEST_STATE,
  TestProvider,
} from "./_oauth_support.ts";

/** connect → 401 → the SDK discovers, registers and "redirects"; the admin approves; the code is exchanged. */
async function authorize(url: string, provider: TestProvider, browser: AdminBrowser, decision = "approve") {
  const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  const client = new Client({ name: "oauth-test", version: "1.0.0" });
  await assert.rejects(client.connect(transport), UnauthorizedError);
  assert.ok(provider.authorizationUrl, "the SDK asked to open the authorization URL");
  const back = await browser.decide(provider.authorizationUrl, decision);
  assert.equal(back.origin + back.pathname, TEST_REDIRECT);
  assert.equal(back.searchParams.get("state"), TEST_STATE);
  assert.equal(back.searchParams.get("iss"), new URL(url).origin);
  const code = back.searchParams.get("code");
  assert.ok(code, `a code came back (${back.searchParams.get("error")})`);
  await transport.finishAuth(code);
  await client.close().catch(() => {});
}

async function connected(url: string, provider: TestProvider): Promise<Client> {
  const client = new Client({ name: "oauth-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { authProvider: provider }));
  return client;
}

Deno.test("Claude-style client: DCR, PKCE, consent, tools, refresh, revocation", async () => {
  await using served = await serveWithOAuth();
  const provider = new TestProvider();
  const browser = new AdminBrowser(served.origin, served.key);
  await authorize(served.url, provider, browser);
  assert.ok(provider.info?.client_id && !provider.info.client_id.startsWith("http"), "registered by DCR");
  assert.match(provider.saved?.access_token ?? "", /^arr_at_/);
  assert.equal(provider.saved?.scope, "arr:read arr:write");

  const client = await connected(served.url, provider);
  const names = (await client.listTools()).tools.map((t: { name: string }) => t.name);
  assert.ok(names.includes("container_stop") && names.includes("oauth_client_revoke"), "write tools listed");
  const listed = await client.callTool({ name: "oauth_clients_list", arguments: {} });
  const clients =
    (listed.structuredContent as { clients: { client_id: string; grants: unknown[] }[] }).clients;
  assert.deepEqual(clients.map((c) => [c.client_id, c.grants.length]), [[provider.info?.client_id, 1]]);
  await client.close();

  // Refresh: the SDK's auth() with a stored refresh token rotates it.
  const before = provider.saved!;
  assert.equal(await auth(provider, { serverUrl: served.url }), "AUTHORIZED");
  assert.notEqual(provider.saved?.access_token, before.access_token);
  assert.notEqual(provider.saved?.refresh_token, before.refresh_token);
  const again = await connected(served.url, provider);
  assert.ok((await again.listTools()).tools.length > 0);
  await again.close();

  // Revocation (RFC 7009): the grant ends; the access token is refused at /mcp.
  const revoked = await fetch(`${served.origin}/oauth/revoke`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: provider.saved!.refresh_token!, client_id: provider.info!.client_id }),
  });
  assert.equal(revoked.status, 200);
  await revoked.body?.cancel();
  const refused = await fetch(served.url, {
    method: "POST",
    headers: {
      authorization: `Bearer ${provider.saved!.access_token}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  });
  assert.equal(refused.status, 401);
  assert.match(refused.headers.get("www-authenticate") ?? "", /error="invalid_token"/);
  await refused.body?.cancel();
});

Deno.test("a client identified by its metadata document (CIMD) served from loopback", async () => {
  await using doc = serveClientMetadata((path, origin) =>
    path === "/client.json"
      ? Response.json({
        client_id: `${origin}/client.json`,
        client_name: "CIMD test client",
        redirect_uris: [TEST_REDIRECT],
      })
      : new Response("no", { status: 404 })
  );
  await using served = await serveWithOAuth({ insecureHosts: [doc.host] });
  const clientId = `${doc.origin}/client.json`;
  const provider = new TestProvider(undefined, { client_id: clientId });
  const browser = new AdminBrowser(served.origin, served.key);
  await authorize(served.url, provider, browser);
  const client = await connected(served.url, provider);
  const listed = await client.callTool({ name: "oauth_clients_list", arguments: {} });
  const clients =
    (listed.structuredContent as { clients: { client_id: string; kind: string; name: string }[] }).clients;
  assert.deepEqual(clients.map((c) => [c.client_id, c.kind, c.name]), [[
    clientId,
    "cimd",
    "CIMD test client",
  ]]);
  await client.close();
});

Deno.test("an arr:read grant (approved read-only) does not see or run the write tools", async () => {
  await using served = await serveWithOAuth();
  const provider = new TestProvider();
  await authorize(served.url, provider, new AdminBrowser(served.origin, served.key), "approve_read");
  assert.equal(provider.saved?.scope, "arr:read");
  const client = await connected(served.url, provider);
  const names = (await client.listTools()).tools.map((t: { name: string }) => t.name);
  assert.ok(names.includes("container_list") && names.includes("oauth_clients_list"));
  for (const write of ["container_stop", "container_remove", "oauth_client_revoke"]) {
    assert.ok(!names.includes(write), `${write} hidden`);
  }
  const call = await client.callTool({ name: "container_stop", arguments: { container: "x" } }).then(
    (r: unknown) => JSON.stringify(r),
    (e: Error) => e.message,
  );
  assert.match(call, /not found|unknown tool/i);
  await client.close();
});

Deno.test("the static API key keeps working on /mcp with OAuth on, with every tool", async () => {
  await using served = await serveWithOAuth();
  const client = new Client({ name: "key", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(served.url), {
      requestInit: { headers: { Authorization: `Bearer ${served.key}` } },
    }),
  );
  const names = (await client.listTools()).tools.map((t: { name: string }) => t.name);
  assert.ok(names.includes("container_stop") && names.includes("oauth_client_revoke"));
  await client.close();
});
