/** ARR_MCP_PUBLIC_URL unset: no OAuth endpoint exists and /mcp answers as before (API key only). */
import assert from "node:assert/strict";
import { createApp } from "../../../../mcp/server/app.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";

const KEY = "test-key-0123456789abcdef";

Deno.test("without ARR_MCP_PUBLIC_URL every OAuth endpoint is 404 and /mcp has no resource metadata", async () => {
  const deps = testDeps({ config: testConfig({ allowedHosts: ["arr.test"], allowedOrigins: [] }) });
  const app = createApp(deps, { apiKey: KEY, families: [], logError: () => {} });
  const paths: [string, string][] = [
    ["GET", "/.well-known/oauth-protected-resource"],
    ["GET", "/.well-known/oauth-protected-resource/mcp"],
    ["GET", "/.well-known/oauth-authorization-server"],
    ["GET", "/oauth/authorize?client_id=x"],
    ["GET", "/oauth/consent/abc"],
    ["POST", "/oauth/consent/abc"],
    ["POST", "/oauth/register"],
    ["POST", "/oauth/token"],
    ["POST", "/oauth/revoke"],
  ];
  for (const [method, path] of paths) {
    const res = await app.request(path, { method, headers: { host: "arr.test" } });
    assert.equal(res.status, 404, `${method} ${path}`);
    await res.body?.cancel();
  }
  const mcp = await app.request("/mcp", { method: "POST", headers: { host: "arr.test" } });
  assert.equal(mcp.status, 401);
  assert.doesNotMatch(mcp.headers.get("www-authenticate") ?? "", /resource_metadata/);
  await mcp.body?.cancel();
});
