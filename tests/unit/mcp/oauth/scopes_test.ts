import assert from "node:assert/strict";
import { accessOf, parseScopes, scopesWithin } from "../../../../mcp/oauth/scopes.ts";

Deno.test("parseScopes() knows arr:read and arr:write, defaults to arr:read, names an unknown scope", async (t) => {
  const cases: [string | undefined, string[] | string][] = [
    [undefined, ["arr:read"]],
    ["", ["arr:read"]],
    ["arr:read", ["arr:read"]],
    ["arr:write", ["arr:write"]],
    ["arr:write  arr:read", ["arr:read", "arr:write"]],
    ["arr:read openid", 'Unknown scope "openid"'],
    ["ARR:READ", 'Unknown scope "ARR:READ"'],
  ];
  for (const [text, expected] of cases) {
    await t.step(String(text), () => {
      const parsed = parseScopes(text);
      assert.deepEqual(parsed.ok ? parsed.value : parsed.error, expected);
    });
  }
});

Deno.test("accessOf() gives write only with arr:write; scopesWithin() never widens", () => {
  assert.equal(accessOf(["arr:read"]), "read");
  assert.equal(accessOf([]), "read");
  assert.equal(accessOf(["arr:read", "arr:write"]), "write");
  assert.equal(scopesWithin(["arr:read"], ["arr:read", "arr:write"]), true);
  assert.equal(scopesWithin(["arr:write"], ["arr:read"]), false);
});
