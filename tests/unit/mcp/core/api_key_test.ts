import assert from "node:assert/strict";
import { claudeAddCommand, generateApiKey, loadOrCreateApiKey } from "../../../../mcp/core/api_key.ts";

Deno.test("loadOrCreateApiKey() creates a 0600 key once and reuses it later", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const data = `${dir}/data`;
    const first = await loadOrCreateApiKey(data);
    assert.equal(first.created, true);
    assert.match(first.key, /^[A-Za-z0-9_-]{43}$/);
    assert.equal((await Deno.stat(first.path)).mode! & 0o777, 0o600);
    assert.equal((await Deno.stat(data)).mode! & 0o777, 0o700);
    const second = await loadOrCreateApiKey(data);
    assert.deepEqual(second, { key: first.key, created: false, path: first.path });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("generateApiKey() never repeats and claudeAddCommand() is ready to paste", () => {
  assert.notEqual(generateApiKey(), generateApiKey());
  assert.equal(
    claudeAddCommand("http://localhost:8484/mcp", "K"),
    'claude mcp add --transport http --scope user arr-mcp http://localhost:8484/mcp --header "Authorization: Bearer K"',
  );
});
