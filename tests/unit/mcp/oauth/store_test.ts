/** One contract, both stores: the memory fake must behave like the SQLite store. */
import assert from "node:assert/strict";
import { memoryOAuthStore } from "../../../../mcp/oauth/memory_store.ts";
import { openSqliteOAuthStore } from "../../../../mcp/oauth/sqlite_store.ts";
import type { OAuthStore } from "../../../../mcp/oauth/store.ts";

const STORES: [string, () => OAuthStore][] = [
  ["memory", memoryOAuthStore],
  ["sqlite", () => openSqliteOAuthStore(":memory:")],
];

for (const [name, open] of STORES) {
  Deno.test(`${name} store keeps clients, grants and tokens, and deleting a client removes all of them`, () => {
    const store = open();
    try {
      store.putClient({
        clientId: "c1",
        kind: "dcr",
        name: "One",
        redirectUris: ["http://127.0.0.1:1/cb"],
        createdAt: 1,
      });
      store.putGrant({
        grantId: "g1",
        clientId: "c1",
        scopes: ["arr:read"],
        resource: "r",
        createdAt: 2,
        lastUsedAt: 2,
        revokedAt: null,
      });
      store.putToken({
        hash: "h1",
        kind: "refresh",
        grantId: "g1",
        scopes: ["arr:read"],
        expiresAt: 100,
        state: "active",
      });
      assert.deepEqual(store.getClient("c1")?.redirectUris, ["http://127.0.0.1:1/cb"]);
      assert.deepEqual(store.listGrants("c1").map((g) => g.grantId), ["g1"]);
      assert.equal(store.markRotated("h1"), true);
      assert.equal(store.markRotated("h1"), false);
      assert.equal(store.getToken("h1")?.state, "rotated");
      store.touchGrant("g1", 5);
      store.revokeGrant("g1", 7);
      store.revokeGrant("g1", 9);
      assert.deepEqual([store.getGrant("g1")?.lastUsedAt, store.getGrant("g1")?.revokedAt], [5, 7]);
      store.deleteClient("c1");
      assert.equal(store.getClient("c1"), undefined);
      assert.equal(store.getGrant("g1"), undefined);
      assert.equal(store.getToken("h1"), undefined);
    } finally {
      store.close();
    }
  });

  Deno.test(`${name} store prunes only tokens that expired before the given time`, () => {
    const store = open();
    try {
      for (const [hash, expiresAt] of [["old", 10], ["new", 20]] as const) {
        store.putToken({ hash, kind: "access", grantId: "g", scopes: [], expiresAt, state: "active" });
      }
      store.pruneTokens(15);
      assert.equal(store.getToken("old"), undefined);
      assert.equal(store.getToken("new")?.expiresAt, 20);
    } finally {
      store.close();
    }
  });
}

Deno.test("the SQLite store keeps only token hashes on disk, across a reopen", async () => {
  const dir = await Deno.makeTempDir({ prefix: "arr-oauth-store-" });
  try {
    const path = `${dir}/oauth.db`;
    const first = openSqliteOAuthStore(path);
    first.putToken({
      hash: "a".repeat(64),
      kind: "access",
      grantId: "g",
      scopes: ["arr:write"],
      expiresAt: 9,
      state: "active",
    });
    first.close();
    const again = openSqliteOAuthStore(path);
    assert.deepEqual(again.getToken("a".repeat(64))?.scopes, ["arr:write"]);
    again.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
