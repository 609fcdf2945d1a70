import assert from "node:assert/strict";
import fc from "fast-check";
import {
  DEFAULT_REDIRECT_ALLOW,
  redirectAllowed,
  redirectRegistered,
} from "../../../../mcp/oauth/redirect_uri.ts";

Deno.test("redirectAllowed() with the default list allows Claude's callbacks and loopback, nothing else", async (t) => {
  const cases: [string, boolean][] = [
    ["https://claude.ai/api/mcp/auth_callback", true],
    ["https://claude.com/api/mcp/auth_callback", true],
    ["http://127.0.0.1:33418/oauth/callback", true],
    ["http://localhost:3334/oauth/callback", true],
    ["http://127.0.0.1/callback", true],
    ["https://claude.ai/api/mcp/auth_callback/", false],
    ["https://claude.ai/api/mcp/auth_callback?x=1", false],
    ["https://claude.ai.evil.com/api/mcp/auth_callback", false],
    ["http://claude.ai/api/mcp/auth_callback", false],
    ["http://127.0.0.1.evil.com:80/cb", false],
    ["http://localhost.evil.com:8080/cb", false],
    ["https://127.0.0.1:8080/cb", false],
    ["http://user@127.0.0.1:8080/cb", false],
    ["http://127.0.0.1:8080/cb#frag", false],
    ["javascript:alert(1)", false],
    ["not a url", false],
    [`http://127.0.0.1:1/${"a".repeat(2100)}`, false],
  ];
  for (const [uri, expected] of cases) {
    await t.step(
      uri.slice(0, 60),
      () => assert.equal(redirectAllowed(uri, DEFAULT_REDIRECT_ALLOW), expected),
    );
  }
});

Deno.test("redirectAllowed() takes ARR_OAUTH_REDIRECT_ALLOW entries literally, `:*` only as any port", () => {
  const allow = ["https://app.example.com/cb", "http://10.0.0.5:*"];
  assert.equal(redirectAllowed("https://app.example.com/cb", allow), true);
  assert.equal(redirectAllowed("https://app.example.com/cb2", allow), false);
  assert.equal(redirectAllowed("http://10.0.0.5:9000/x", allow), true);
  assert.equal(redirectAllowed("http://10.0.0.50:9000/x", allow), false);
  assert.equal(redirectAllowed("https://claude.ai/api/mcp/auth_callback", allow), false);
});

Deno.test("redirectRegistered() matches the exact string only", () => {
  const registered = ["http://127.0.0.1:5000/cb"];
  assert.equal(redirectRegistered("http://127.0.0.1:5000/cb", registered), true);
  assert.equal(redirectRegistered("http://127.0.0.1:5001/cb", registered), false);
  assert.equal(redirectRegistered("http://127.0.0.1:5000/cb/", registered), false);
  assert.equal(redirectRegistered("HTTP://127.0.0.1:5000/cb", registered), false);
});

Deno.test("redirectAllowed() never lets a loopback pattern match another host, whatever the input", () => {
  const allow = ["http://127.0.0.1:*", "http://localhost:*"];
  fc.assert(
    fc.property(
      fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom("http://127.0.0.1:1/", "http://localhost:2/x")).map((
        s,
      ) => s),
      (uri) => {
        if (!redirectAllowed(uri, allow)) return;
        const url = new URL(uri);
        assert.equal(url.protocol, "http:");
        assert.ok(["127.0.0.1", "localhost"].includes(url.hostname), uri);
        assert.ok(uri.startsWith(`http://${url.hostname}`), uri);
      },
    ),
  );
});
