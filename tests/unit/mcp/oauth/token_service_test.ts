import assert from "node:assert/strict";
import type { AuthorizationRequest } from "../../../../mcp/oauth/authorization_request.ts";
import { memoryOAuthStore } from "../../../../mcp/oauth/memory_store.ts";
import { s256Challenge } from "../../../../mcp/oauth/pkce.ts";
import { ACCESS_TTL_MS, CODE_TTL_MS, createTokenService } from "../../../../mcp/oauth/token_service.ts";
import { testClock } from "../_support/test_deps.ts";

const RESOURCE = "https://arr.example.com/mcp";
const VERIFIER = "v".repeat(50);
const REDIRECT = "http://127.0.0.1:5000/cb";

function setup() {
  const clock = testClock();
  const store = memoryOAuthStore();
  const tokens = createTokenService({ store, clock, resource: RESOURCE });
  const request: AuthorizationRequest = {
    client: { clientId: "c1", kind: "dcr", name: "One", redirectUris: [REDIRECT] },
    redirectUri: REDIRECT,
    codeChallenge: s256Challenge(VERIFIER),
    scopes: ["arr:read", "arr:write"],
    resource: RESOURCE,
    state: "s",
  };
  const exchange = (code: string, extra: Record<string, string> = {}) =>
    tokens.exchangeCode({ code, code_verifier: VERIFIER, redirect_uri: REDIRECT, client_id: "c1", ...extra });
  return { clock, store, tokens, request, exchange };
}

Deno.test("exchangeCode() gives a token pair once for the right verifier, client and redirect URI", () => {
  const { tokens, request, exchange } = setup();
  const got = exchange(tokens.issueCode(request, request.scopes));
  assert.ok(got.ok);
  assert.equal(got.value.scope, "arr:read arr:write");
  const verified = tokens.verifyAccess(got.value.access_token);
  assert.ok(verified.ok);
  assert.deepEqual([verified.value.clientId, verified.value.scopes], ["c1", ["arr:read", "arr:write"]]);
});

Deno.test("exchangeCode() refuses a mismatch and spends the code", async (t) => {
  const cases: [string, Record<string, string>, string][] = [
    ["a wrong PKCE verifier", { code_verifier: "w".repeat(50) }, "invalid_grant"],
    ["another client", { client_id: "c2" }, "invalid_grant"],
    ["another redirect URI", { redirect_uri: "http://127.0.0.1:5001/cb" }, "invalid_grant"],
    ["another resource", { resource: "https://other.example.com/mcp" }, "invalid_target"],
  ];
  for (const [name, extra, error] of cases) {
    await t.step(name, () => {
      const { tokens, request, exchange } = setup();
      const code = tokens.issueCode(request, request.scopes);
      const refused = exchange(code, extra);
      assert.equal(refused.ok ? "" : refused.error.error, error);
      assert.equal(exchange(code).ok, false, "the code is spent");
    });
  }
});

Deno.test("exchangeCode() refuses an expired code and revokes the grant when a code is reused", () => {
  const { clock, tokens, request, exchange } = setup();
  const late = tokens.issueCode(request, request.scopes);
  clock.advance(CODE_TTL_MS);
  assert.equal(exchange(late).ok, false);
  const code = tokens.issueCode(request, request.scopes);
  const first = exchange(code);
  assert.ok(first.ok);
  const again = exchange(code);
  assert.equal(again.ok ? "" : again.error.error, "invalid_grant");
  assert.deepEqual(tokens.verifyAccess(first.value.access_token), { ok: false, error: "Token was revoked" });
});

Deno.test("verifyAccess() refuses an expired token, a refresh token and a token for another audience", () => {
  const { clock, store, tokens, request, exchange } = setup();
  const pair = exchange(tokens.issueCode(request, request.scopes));
  assert.ok(pair.ok);
  assert.equal(tokens.verifyAccess(pair.value.refresh_token).ok, false);
  const elsewhere = createTokenService({ store, clock, resource: "https://other.example.com/mcp" });
  assert.deepEqual(elsewhere.verifyAccess(pair.value.access_token), {
    ok: false,
    error: "Token is for another audience",
  });
  clock.advance(ACCESS_TTL_MS);
  assert.deepEqual(tokens.verifyAccess(pair.value.access_token), { ok: false, error: "Token expired" });
});

Deno.test("refresh() rotates; replaying a rotated refresh token revokes the whole family", () => {
  const { tokens, request, exchange } = setup();
  const first = exchange(tokens.issueCode(request, request.scopes));
  assert.ok(first.ok);
  const second = tokens.refresh({ refresh_token: first.value.refresh_token, client_id: "c1" });
  assert.ok(second.ok);
  assert.notEqual(second.value.refresh_token, first.value.refresh_token);
  assert.equal(tokens.verifyAccess(second.value.access_token).ok, true);
  const replay = tokens.refresh({ refresh_token: first.value.refresh_token, client_id: "c1" });
  assert.equal(replay.ok ? "" : replay.error.error, "invalid_grant");
  assert.equal(tokens.verifyAccess(second.value.access_token).ok, false);
  assert.equal(tokens.refresh({ refresh_token: second.value.refresh_token, client_id: "c1" }).ok, false);
});

Deno.test("refresh() may narrow the scopes, never widen them", () => {
  const { tokens, request, exchange } = setup();
  const pair = exchange(tokens.issueCode(request, ["arr:read"]));
  assert.ok(pair.ok);
  const wider = tokens.refresh({
    refresh_token: pair.value.refresh_token,
    client_id: "c1",
    scope: "arr:write",
  });
  assert.equal(wider.ok ? "" : wider.error.error, "invalid_scope");
  const full = exchange(tokens.issueCode(request, request.scopes));
  assert.ok(full.ok);
  const narrowed = tokens.refresh({
    refresh_token: full.value.refresh_token,
    client_id: "c1",
    scope: "arr:read",
  });
  assert.ok(narrowed.ok);
  const verified = tokens.verifyAccess(narrowed.value.access_token);
  assert.deepEqual(verified.ok && verified.value.scopes, ["arr:read"]);
});

Deno.test("revoke() ends the grant of either token; another client cannot revoke it", () => {
  const { tokens, request, exchange } = setup();
  const pair = exchange(tokens.issueCode(request, request.scopes));
  assert.ok(pair.ok);
  tokens.revoke(pair.value.refresh_token, "c2");
  assert.equal(tokens.verifyAccess(pair.value.access_token).ok, true);
  tokens.revoke(pair.value.refresh_token, "c1");
  assert.equal(tokens.verifyAccess(pair.value.access_token).ok, false);
});

Deno.test("a replayed code or refresh token is reported with its client and grant", () => {
  const clock = testClock();
  const store = memoryOAuthStore();
  const reported: string[] = [];
  const tokens = createTokenService({
    store,
    clock,
    resource: RESOURCE,
    onReplay: (grant, what) =>
      void reported.push(`${what} ${grant.clientId} ${store.getGrant(grant.grantId)?.revokedAt !== null}`),
  });
  const request: AuthorizationRequest = {
    client: { clientId: "c1", kind: "dcr", name: "One", redirectUris: [REDIRECT] },
    redirectUri: REDIRECT,
    codeChallenge: s256Challenge(VERIFIER),
    scopes: ["arr:read"],
    resource: RESOURCE,
    state: undefined,
  };
  const code = tokens.issueCode(request, ["arr:read"]);
  const form = { code, code_verifier: VERIFIER, redirect_uri: REDIRECT, client_id: "c1" };
  const pair = tokens.exchangeCode(form);
  assert.ok(pair.ok);
  tokens.exchangeCode(form);
  const code2 = tokens.issueCode(request, ["arr:read"]);
  const pair2 = tokens.exchangeCode({ ...form, code: code2 });
  assert.ok(pair2.ok);
  assert.ok(tokens.refresh({ refresh_token: pair2.value.refresh_token, client_id: "c1" }).ok);
  tokens.refresh({ refresh_token: pair2.value.refresh_token, client_id: "c1" });
  assert.deepEqual(reported, ["code c1 true", "refresh_token c1 true"]);
});
