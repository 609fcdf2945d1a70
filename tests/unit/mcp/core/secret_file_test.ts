import assert from "node:assert/strict";
import { loadOrCreateApiKey } from "../../../../mcp/core/api_key.ts";
import { loadOrCreateSessionSecret } from "../../../../mcp/dashboard/session_secret.ts";
import { loadOrCreateSecretFile } from "../../../../mcp/core/secret_file.ts";

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const accept = (t: string) => t.length >= 4;

Deno.test("loadOrCreateSecretFile() lets exactly one of many concurrent first calls create the file", async () => {
  await withDir(async (dir) => {
    let n = 0;
    const path = `${dir}/data/secret`;
    const results = await Promise.all(
      Array.from(
        { length: 8 },
        () => loadOrCreateSecretFile(path, { generate: () => `secret-${n++}`, accept }),
      ),
    );
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal(new Set(results.map((r) => r.text)).size, 1);
    assert.equal((await Deno.readTextFile(path)).trim(), results[0]!.text);
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    assert.deepEqual([...Deno.readDirSync(`${dir}/data`)].map((e) => e.name), ["secret"]);
  });
});

Deno.test("loadOrCreateSecretFile() replaces an existing file it cannot use, and keeps one it can", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/secret`;
    await Deno.writeTextFile(path, "x\n");
    const replaced = await loadOrCreateSecretFile(path, { generate: () => "fresh-secret", accept });
    assert.deepEqual(replaced, { text: "fresh-secret", created: true });
    const kept = await loadOrCreateSecretFile(path, { generate: () => "other", accept });
    assert.deepEqual(kept, { text: "fresh-secret", created: false });
  });
});

Deno.test("loadOrCreateApiKey() gives concurrent first starts the same key, created once", async () => {
  await withDir(async (dir) => {
    const all = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateApiKey(`${dir}/data`)));
    assert.equal(all.filter((r) => r.created).length, 1);
    assert.equal(new Set(all.map((r) => r.key)).size, 1);
  });
});

Deno.test("loadOrCreateSessionSecret() gives concurrent first calls the same secret", async () => {
  await withDir(async (dir) => {
    const all = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateSessionSecret(dir)));
    assert.equal(new Set(all.map((s) => Array.from(s).join(","))).size, 1);
  });
});
