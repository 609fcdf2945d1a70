import assert from "node:assert/strict";
import fc from "fast-check";
import { pkceMatches, s256Challenge } from "../../../../mcp/oauth/pkce.ts";

// RFC 7636 Appendix B.
const RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

Deno.test("pkceMatches() follows the S256 rule of RFC 7636", async (t) => {
  const cases: [string, string, string, boolean][] = [
    ["the RFC example", RFC_VERIFIER, RFC_CHALLENGE, true],
    ["a verifier changed by one character", RFC_VERIFIER.replace("d", "e"), RFC_CHALLENGE, false],
    ["the challenge sent as verifier (plain method)", RFC_CHALLENGE, RFC_CHALLENGE, false],
    ["a verifier shorter than 43 characters", "abc", s256Challenge("abc"), false],
    ["a verifier longer than 128 characters", "a".repeat(129), s256Challenge("a".repeat(129)), false],
    [
      "a verifier with a character outside the unreserved set",
      `${"a".repeat(43)}+`,
      s256Challenge(`${"a".repeat(43)}+`),
      false,
    ],
    ["an empty challenge", RFC_VERIFIER, "", false],
  ];
  for (const [name, verifier, challenge, expected] of cases) {
    await t.step(name, () => assert.equal(pkceMatches(verifier, challenge), expected));
  }
});

Deno.test("pkceMatches() accepts exactly the verifier a challenge was made from", () => {
  const verifier = fc.stringMatching(/^[A-Za-z0-9\-._~]{43,128}$/);
  fc.assert(fc.property(verifier, verifier, (a, b) => {
    assert.equal(pkceMatches(a, s256Challenge(a)), true);
    assert.equal(pkceMatches(b, s256Challenge(a)), a === b);
  }));
});
