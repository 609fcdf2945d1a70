import assert from "node:assert/strict";
import { openInterestStore, withInterestStore } from "../../../../mcp/cleanup/interest_store.ts";

Deno.test("openInterestStore() keeps one mark per account and key; none removes it", () => {
  const store = openInterestStore(":memory:");
  try {
    store.set(2, "tvdb:1", "keep", 10);
    store.set(2, "tvdb:1", "done", 20);
    store.set(3, "tvdb:1/s1", "keep", 30);
    assert.deepEqual(store.list(), [
      { accountId: 2, key: "tvdb:1", state: "done", at: 20 },
      { accountId: 3, key: "tvdb:1/s1", state: "keep", at: 30 },
    ]);
    store.set(2, "tvdb:1", "none", 40);
    assert.deepEqual(store.list().map((m) => m.key), ["tvdb:1/s1"]);
  } finally {
    store.close();
  }
});

Deno.test("withInterestStore() persists in the data dir and reports an unusable one", async () => {
  const dir = await Deno.makeTempDir({ prefix: "arr-interest-" });
  try {
    assert.deepEqual(withInterestStore(dir, (s) => s.set(1, "tmdb:603", "keep", 5)), {
      ok: true,
      value: undefined,
    });
    assert.deepEqual(withInterestStore(dir, (s) => s.list()), {
      ok: true,
      value: [{ accountId: 1, key: "tmdb:603", state: "keep", at: 5 }],
    });
    const missing = withInterestStore(`${dir}/nope/deeper`, (s) => s.list());
    assert.ok(!missing.ok);
    assert.match(missing.error, /^Keep marks \(cleanup\.db\): /);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
