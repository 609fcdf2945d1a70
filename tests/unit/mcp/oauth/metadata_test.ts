import assert from "node:assert/strict";
import {
  authorizationServerMetadata,
  bearerChallenge,
  metadataPaths,
  oauthUrls,
  protectedResourceMetadata,
} from "../../../../mcp/oauth/metadata.ts";

Deno.test("oauthUrls() derives issuer, audience and endpoints from ARR_MCP_PUBLIC_URL", async (t) => {
  const cases: [string, string, string, string][] = [
    [
      "https://arr.example.com",
      "https://arr.example.com",
      "https://arr.example.com/mcp",
      "https://arr.example.com/oauth/token",
    ],
    [
      "https://example.com/arr/",
      "https://example.com/arr",
      "https://example.com/arr/mcp",
      "https://example.com/arr/oauth/token",
    ],
  ];
  for (const [publicUrl, issuer, resource, token] of cases) {
    await t.step(publicUrl, () => {
      const urls = oauthUrls(publicUrl);
      assert.deepEqual([urls.issuer, urls.resource, urls.token], [issuer, resource, token]);
      assert.equal(urls.resourceMetadata, `${issuer}/.well-known/oauth-protected-resource/mcp`);
    });
  }
});

Deno.test("metadataPaths() adds the path-inserted forms only when the public URL has a path", () => {
  assert.deepEqual(metadataPaths("https://arr.example.com"), {
    resource: ["/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"],
    server: ["/.well-known/oauth-authorization-server"],
  });
  const withPath = metadataPaths("https://example.com/arr");
  assert.ok(withPath.resource.includes("/.well-known/oauth-protected-resource/arr/mcp"));
  assert.ok(withPath.server.includes("/.well-known/oauth-authorization-server/arr"));
});

Deno.test("the metadata documents advertise S256, code, the iss parameter, CIMD and the two scopes", () => {
  const urls = oauthUrls("https://arr.example.com");
  const prm = protectedResourceMetadata(urls);
  assert.equal(prm.resource, "https://arr.example.com/mcp");
  assert.deepEqual(prm.authorization_servers, ["https://arr.example.com"]);
  assert.deepEqual(prm.bearer_methods_supported, ["header"]);
  const as = authorizationServerMetadata(urls);
  assert.equal(as.issuer, "https://arr.example.com");
  assert.deepEqual(as.code_challenge_methods_supported, ["S256"]);
  assert.deepEqual(as.response_types_supported, ["code"]);
  assert.equal(as.authorization_response_iss_parameter_supported, true);
  assert.equal(as.client_id_metadata_document_supported, true);
  assert.deepEqual(as.scopes_supported, ["arr:read", "arr:write"]);
});

Deno.test("bearerChallenge() names the resource metadata and the scope, and the error when there is one", () => {
  const urls = oauthUrls("https://arr.example.com");
  assert.equal(
    bearerChallenge(urls),
    'Bearer resource_metadata="https://arr.example.com/.well-known/oauth-protected-resource/mcp", ' +
      'scope="arr:read arr:write"',
  );
  assert.match(
    bearerChallenge(urls, { code: "invalid_token", description: 'Token "x" expired' }),
    /error="invalid_token", error_description="Token 'x' expired"$/,
  );
});
