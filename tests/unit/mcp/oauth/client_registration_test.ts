import assert from "node:assert/strict";
import { checkRegistration } from "../../../../mcp/oauth/client_registration.ts";
import { DEFAULT_REDIRECT_ALLOW } from "../../../../mcp/oauth/redirect_uri.ts";

const CLAUDE = "https://claude.ai/api/mcp/auth_callback";

Deno.test("checkRegistration() accepts public code-flow clients with allowed redirect URIs only", async (t) => {
  const cases: [string, unknown, string | null][] = [
    ["Claude.ai", {
      client_name: "Claude",
      redirect_uris: [CLAUDE],
      grant_types: ["authorization_code", "refresh_token"],
    }, null],
    ["a native client on loopback", { redirect_uris: ["http://127.0.0.1:5555/callback"] }, null],
    [
      "a redirect URI not allowed",
      { redirect_uris: ["https://evil.example.com/cb"] },
      "invalid_redirect_uri",
    ],
    [
      "one bad URI among good ones",
      { redirect_uris: [CLAUDE, "https://evil.example.com/cb"] },
      "invalid_redirect_uri",
    ],
    ["no redirect URIs", { client_name: "x" }, "invalid_redirect_uri"],
    ["the implicit grant", { redirect_uris: [CLAUDE], grant_types: ["implicit"] }, "invalid_client_metadata"],
    [
      "a token response type",
      { redirect_uris: [CLAUDE], response_types: ["token"] },
      "invalid_client_metadata",
    ],
    ["a non-object body", "hello", "invalid_client_metadata"],
  ];
  for (const [name, body, error] of cases) {
    await t.step(name, () => {
      const checked = checkRegistration(body, DEFAULT_REDIRECT_ALLOW);
      assert.equal(checked.ok ? null : checked.error.error, error);
    });
  }
});

Deno.test("checkRegistration() names a client without a name and trims a long one", () => {
  const unnamed = checkRegistration({ redirect_uris: [CLAUDE] }, DEFAULT_REDIRECT_ALLOW);
  assert.equal(unnamed.ok && unnamed.value.name, "Unnamed client");
  const long = checkRegistration(
    { redirect_uris: [CLAUDE], client_name: "n".repeat(500) },
    DEFAULT_REDIRECT_ALLOW,
  );
  assert.equal(long.ok && long.value.name.length, 200);
});
