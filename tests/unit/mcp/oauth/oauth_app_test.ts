/** The OAuth endpoints through createApp, without a port (hono's app.request). */
import assert from "node:assert/strict";
import { createApp } from "../../../../mcp/server/app.ts";
import { memoryOAuthStore } from "../../../../mcp/oauth/memory_store.ts";
import { createOAuthServer } from "../../../../mcp/oauth/oauth_server.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";

const KEY = "test-key-0123456789abcdef";
const PUBLIC = "https://arr.example.com";

function app() {
  const deps = testDeps({
    config: testConfig({ publicUrl: PUBLIC, allowedHosts: ["arr.example.com"], allowedOrigins: [PUBLIC] }),
  });
  const oauth = createOAuthServer({
    publicUrl: PUBLIC,
    store: memoryOAuthStore(),
    clock: deps.clock,
    fetch: deps.fetch,
  });
  return createApp(deps, { apiKey: KEY, families: [], logError: () => {}, oauth });
}

const get = (path: string, init: RequestInit = {}) =>
  app().request(path, { ...init, headers: { host: "arr.example.com", ...init.headers } });

Deno.test("the metadata documents are served at the plain and /mcp-suffixed well-known paths", async () => {
  for (const path of ["/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"]) {
    const doc = await (await get(path)).json();
    assert.equal(doc.resource, `${PUBLIC}/mcp`, path);
  }
  const as = await (await get("/.well-known/oauth-authorization-server")).json();
  assert.equal(as.issuer, PUBLIC);
  assert.equal(as.registration_endpoint, `${PUBLIC}/oauth/register`);
});

Deno.test("a 401 from /mcp points to the resource metadata and names the scopes", async () => {
  const res = await get("/mcp", { method: "POST" });
  assert.equal(res.status, 401);
  assert.equal(
    res.headers.get("www-authenticate"),
    `Bearer resource_metadata="${PUBLIC}/.well-known/oauth-protected-resource/mcp", scope="arr:read arr:write"`,
  );
  const wrong = await get("/mcp", { method: "POST", headers: { authorization: "Bearer nope" } });
  assert.match(wrong.headers.get("www-authenticate") ?? "", /error="invalid_token"/);
});

Deno.test("the token endpoint wants a form and a known grant type, and never caches", async () => {
  const json = await get("/oauth/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grant_type: "authorization_code" }),
  });
  assert.equal(json.status, 400);
  assert.equal(json.headers.get("cache-control"), "no-store");
  const password = await get("/oauth/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=password&username=a&password=b",
  });
  assert.equal((await password.json()).error, "unsupported_grant_type");
  const repeated = await get("/oauth/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=authorization_code&code=a&code=b",
  });
  assert.equal((await repeated.json()).error, "invalid_request");
});

Deno.test("the authorize step refuses an unknown client with a page, and a bad request back to the client", async () => {
  const unknown = await get("/oauth/authorize?client_id=nobody&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb");
  assert.equal(unknown.status, 400);
  assert.match(await unknown.text(), /not registered here/);
  const a = app();
  const reg = await a.request("/oauth/register", {
    method: "POST",
    headers: { host: "arr.example.com", "content-type": "application/json" },
    body: JSON.stringify({ redirect_uris: ["http://127.0.0.1:9/cb"] }),
  });
  assert.equal(reg.status, 201);
  const { client_id, token_endpoint_auth_method } = await reg.json();
  assert.equal(token_endpoint_auth_method, "none");
  const plain = await a.request(
    `/oauth/authorize?${new URLSearchParams({
      client_id,
      redirect_uri: "http://127.0.0.1:9/cb",
      response_type: "code",
      code_challenge: "x".repeat(43),
      code_challenge_method: "plain",
      state: "s1",
    })}`,
    { headers: { host: "arr.example.com" } },
  );
  assert.equal(plain.status, 302);
  const back = new URL(plain.headers.get("location") ?? "");
  assert.deepEqual(
    [back.searchParams.get("error"), back.searchParams.get("state"), back.searchParams.get("iss")],
    ["invalid_request", "s1", PUBLIC],
  );
});

Deno.test("the token endpoint takes a public client's id from HTTP Basic, and refuses two different ids", async () => {
  const basic = (user: string) => `Basic ${btoa(`${user}:`)}`;
  const post = (authorization: string, body: string) =>
    get("/oauth/token", {
      method: "POST",
      headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
  const same = await post(basic("c1"), "grant_type=authorization_code&code=nope&code_verifier=x");
  assert.equal((await same.json()).error, "invalid_grant");
  const clash = await post(basic("c1"), "grant_type=authorization_code&client_id=c2&code=nope");
  assert.equal((await clash.json()).error, "invalid_request");
});
