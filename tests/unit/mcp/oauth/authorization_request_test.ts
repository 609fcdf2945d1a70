import assert from "node:assert/strict";
import fc from "fast-check";
import { err, ok } from "../../../../shared/result.ts";
import {
  type AuthorizationContext,
  checkAuthorizationRequest,
  type ResolvedClient,
} from "../../../../mcp/oauth/authorization_request.ts";
import { s256Challenge } from "../../../../mcp/oauth/pkce.ts";
import { DEFAULT_REDIRECT_ALLOW } from "../../../../mcp/oauth/redirect_uri.ts";

const ISSUER = "https://arr.example.com";
const REDIRECT = "https://claude.ai/api/mcp/auth_callback";
const CLIENT: ResolvedClient = { clientId: "c1", kind: "dcr", name: "Claude", redirectUris: [REDIRECT] };
const ctx: AuthorizationContext = {
  issuer: ISSUER,
  resource: `${ISSUER}/mcp`,
  redirectAllow: DEFAULT_REDIRECT_ALLOW,
  resolveClient: (id) => Promise.resolve(id === "c1" ? ok(CLIENT) : err("it is not registered here")),
};
const GOOD = {
  response_type: "code",
  client_id: "c1",
  redirect_uri: REDIRECT,
  code_challenge: s256Challenge("v".repeat(43)),
  code_challenge_method: "S256",
  scope: "arr:read arr:write",
  resource: `${ISSUER}/mcp`,
  state: "st",
};

Deno.test("checkAuthorizationRequest() shows a page until client and redirect URI are verified, then redirects", async (t) => {
  const cases: [string, Record<string, string | undefined>, string][] = [
    ["a good request", {}, "ok"],
    ["no client_id", { client_id: undefined }, "page"],
    ["an unknown client", { client_id: "c9" }, "page"],
    ["no redirect_uri", { redirect_uri: undefined }, "page"],
    ["a redirect URI not allowed", { redirect_uri: "https://evil.example.com/cb" }, "page"],
    [
      "an allowed redirect URI the client did not register",
      { redirect_uri: "http://127.0.0.1:5/cb" },
      "page",
    ],
    ["response_type=token", { response_type: "token" }, "unsupported_response_type"],
    ["the plain PKCE method", { code_challenge_method: "plain" }, "invalid_request"],
    ["no code_challenge", { code_challenge: undefined }, "invalid_request"],
    ["an unknown scope", { scope: "admin" }, "invalid_scope"],
    ["another resource", { resource: "https://other.example.com/mcp" }, "invalid_target"],
    ["a state over 1024 characters", { state: "s".repeat(1025) }, "invalid_request"],
  ];
  for (const [name, change, expected] of cases) {
    await t.step(name, async () => {
      const query = Object.fromEntries(
        Object.entries({ ...GOOD, ...change }).filter(([, v]) => v !== undefined),
      ) as Record<string, string>;
      const checked = await checkAuthorizationRequest(query, ctx);
      const got = checked.kind === "redirect" ? new URL(checked.url).searchParams.get("error") : checked.kind;
      assert.equal(got, expected);
      if (checked.kind === "redirect") {
        const url = new URL(checked.url);
        assert.equal(url.origin + url.pathname, REDIRECT);
        assert.equal(url.searchParams.get("iss"), ISSUER);
      }
    });
  }
});

Deno.test("checkAuthorizationRequest() without scope or resource asks arr:read for this server's /mcp", async () => {
  const { scope: _s, resource: _r, ...rest } = GOOD;
  const checked = await checkAuthorizationRequest(rest, ctx);
  assert.ok(checked.kind === "ok");
  assert.deepEqual([checked.request.scopes, checked.request.resource], [["arr:read"], `${ISSUER}/mcp`]);
});

Deno.test("checkAuthorizationRequest() redirects only ever to the client's registered URI, whatever the query", async () => {
  const value = fc.oneof(
    fc.string(),
    fc.webUrl(),
    fc.constantFrom(REDIRECT, "c1", "code", "S256", "arr:write"),
  );
  const keys = fc.constantFrom(...Object.keys(GOOD), "extra");
  await fc.assert(fc.asyncProperty(fc.dictionary(keys, value), async (query) => {
    const checked = await checkAuthorizationRequest({ ...GOOD, ...query }, ctx);
    if (checked.kind === "redirect") assert.ok(checked.url.startsWith(`${REDIRECT}?`), checked.url);
    if (checked.kind === "ok") assert.equal(checked.request.redirectUri, REDIRECT);
  }));
});
