import assert from "node:assert/strict";
import {
  checkClientIdUrl,
  checkClientMetadata,
  CIMD_REFUSAL_TTL_MS,
  clientMetadataFetcher,
} from "../../../../mcp/oauth/client_metadata.ts";
import { testClock } from "../_support/test_deps.ts";

const ID = "https://client.example.com/oauth/metadata.json";
const DOC = {
  client_id: ID,
  client_name: "Example",
  redirect_uris: ["https://claude.ai/api/mcp/auth_callback"],
};

Deno.test("checkClientIdUrl() takes https URLs with a path on public names only", async (t) => {
  const cases: [string, boolean][] = [
    [ID, true],
    ["https://client.example.com/", false],
    ["http://client.example.com/meta.json", false],
    ["https://127.0.0.1/meta.json", false],
    ["https://[::1]/meta.json", false],
    ["https://localhost/meta.json", false],
    ["https://intranet/meta.json", false],
    ["https://nas.local/meta.json", false],
    ["https://user:pw@client.example.com/meta.json", false],
    ["https://client.example.com/meta.json#x", false],
    ["client-id-123", false],
  ];
  for (const [id, expected] of cases) await t.step(id, () => assert.equal(checkClientIdUrl(id).ok, expected));
});

Deno.test("checkClientIdUrl() lets the test-only hosts use http on loopback", () => {
  assert.equal(checkClientIdUrl("http://127.0.0.1:4000/meta.json", ["127.0.0.1:4000"]).ok, true);
  assert.equal(checkClientIdUrl("http://127.0.0.1:4001/meta.json", ["127.0.0.1:4000"]).ok, false);
});

Deno.test("checkClientMetadata() needs client_id equal to the URL and listed redirect URIs", async (t) => {
  const cases: [string, unknown, string | null][] = [
    ["a good document", DOC, null],
    [
      "another client_id",
      { ...DOC, client_id: "https://evil.example.com/m.json" },
      "client_id in the document does not equal its URL",
    ],
    ["no redirect_uris", { ...DOC, redirect_uris: [] }, "redirect_uris must list 1 to 20 URIs"],
    ["a non-string redirect URI", { ...DOC, redirect_uris: [42] }, "redirect_uris must be strings"],
    [
      "a confidential client",
      { ...DOC, token_endpoint_auth_method: "private_key_jwt" },
      'token_endpoint_auth_method "private_key_jwt" is not supported (only none)',
    ],
    ["an array", [DOC], "document is not a JSON object"],
  ];
  for (const [name, doc, error] of cases) {
    await t.step(name, () => {
      const checked = checkClientMetadata(doc, ID);
      assert.equal(checked.ok ? null : checked.error, error);
    });
  }
  const unnamed = checkClientMetadata({ client_id: ID, redirect_uris: DOC.redirect_uris }, ID);
  assert.equal(unnamed.ok && unnamed.value.name, "client.example.com");
});

function countingFetch(answer: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return Promise.resolve(answer());
  };
  return { fetch, calls };
}

Deno.test("clientMetadataFetcher() fetches once without following redirects and caches until the TTL", async () => {
  const clock = testClock();
  const { fetch, calls } = countingFetch(() => Response.json(DOC));
  const get = clientMetadataFetcher({ fetch, clock, cacheTtlMs: 1000 });
  assert.equal((await get(ID)).ok, true);
  assert.equal((await get(ID)).ok, true);
  assert.equal(calls.length, 1);
  assert.equal(calls[0]?.init?.redirect, "manual");
  clock.advance(1000);
  assert.equal((await get(ID)).ok, true);
  assert.equal(calls.length, 2);
});

Deno.test("clientMetadataFetcher() refuses a document too large, too slow, redirected or not JSON", async (t) => {
  const clock = testClock();
  const cases: [string, () => Response | Promise<Response>, RegExp][] = [
    ["too large (declared)", () => Response.json({ ...DOC, pad: "x".repeat(6000) }), /exceeds 5120 bytes/],
    [
      "too large (streamed)",
      () =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode("x".repeat(6000)));
              c.close();
            },
          }),
        ),
      /exceeds 5120 bytes/,
    ],
    [
      "a redirect",
      () => new Response(null, { status: 302, headers: { location: "http://10.0.0.1/" } }),
      /HTTP 302/,
    ],
    ["not JSON", () => new Response("<html>"), /not JSON/],
  ];
  for (const [name, answer, expected] of cases) {
    await t.step(name, async () => {
      const got = await clientMetadataFetcher({ fetch: countingFetch(answer).fetch, clock })(ID);
      assert.equal(got.ok, false);
      assert.match(got.ok ? "" : got.error, expected);
    });
  }
  await t.step("slower than the timeout", async () => {
    const never = (_: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(new Error("aborted")))
      );
    const got = await clientMetadataFetcher({ fetch: never, clock, timeoutMs: 50 })(ID);
    assert.match(got.ok ? "" : got.error, /took longer than 50 ms/);
  });
});

Deno.test("clientMetadataFetcher() remembers a refused document for a minute instead of fetching it again", async () => {
  const clock = testClock();
  const { fetch, calls } = countingFetch(() =>
    Response.json({ ...DOC, client_id: "https://other.example.com/x" })
  );
  const get = clientMetadataFetcher({ fetch, clock });
  assert.equal((await get(ID)).ok, false);
  assert.equal((await get(ID)).ok, false);
  assert.equal(calls.length, 1);
  clock.advance(CIMD_REFUSAL_TTL_MS);
  assert.equal((await get(ID)).ok, false);
  assert.equal(calls.length, 2);
});
