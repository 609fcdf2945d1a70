import assert from "node:assert/strict";
import { parseConfig, parsePublicUrl } from "../../../../mcp/core/config.ts";

Deno.test("parsePublicUrl() takes https origins with an optional path, http only on loopback", async (t) => {
  const cases: [string, string][] = [
    ["https://arr.example.com", "https://arr.example.com"],
    ["https://arr.example.com/", "https://arr.example.com"],
    ["https://example.com/arr/", "https://example.com/arr"],
    ["https://ARR.example.com:8443", "https://arr.example.com:8443"],
    ["http://127.0.0.1:8484", "http://127.0.0.1:8484"],
    ["http://localhost:8484", "http://localhost:8484"],
    ["http://arr.example.com", "expected https (http only for 127.0.0.1 or localhost)"],
    ["https://arr.example.com/?x=1", "expected no query, fragment or credentials"],
    ["https://user:pw@arr.example.com", "expected no query, fragment or credentials"],
    ["arr.example.com", "expected an absolute URL like https://arr.example.com"],
  ];
  for (const [text, expected] of cases) {
    await t.step(text, () => {
      const parsed = parsePublicUrl(text);
      assert.equal(parsed.ok ? parsed.value : parsed.error, expected);
    });
  }
});

Deno.test("ARR_MCP_PUBLIC_URL adds its host and origin to the allowed lists; unset leaves OAuth off", () => {
  const host = { uid: 1000, home: "/home/test" };
  const on = parseConfig({ ARR_MCP_PUBLIC_URL: "https://arr.example.com/" }, host);
  assert.ok(on.ok);
  assert.equal(on.value.publicUrl, "https://arr.example.com");
  assert.ok(on.value.allowedHosts.includes("arr.example.com"));
  assert.ok(on.value.allowedOrigins.includes("https://arr.example.com"));
  const off = parseConfig({}, host);
  assert.ok(off.ok);
  assert.equal(off.value.publicUrl, undefined);
  assert.ok(!off.value.allowedHosts.includes("arr.example.com"));
  const bad = parseConfig({ ARR_MCP_PUBLIC_URL: "http://arr.example.com" }, host);
  assert.equal(
    bad.ok ? "" : bad.error,
    'Invalid ARR_MCP_PUBLIC_URL "http://arr.example.com": expected https (http only for 127.0.0.1 or localhost)',
  );
  const allow = parseConfig(
    { ARR_OAUTH_REDIRECT_ALLOW: "https://a.example.com/cb, http://127.0.0.1:*" },
    host,
  );
  assert.deepEqual(allow.ok && allow.value.oauthRedirectAllow, [
    "https://a.example.com/cb",
    "http://127.0.0.1:*",
  ]);
});
