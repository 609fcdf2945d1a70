/**
 * The real program (`deno task start`'s own flags): ARR_MCP_PUBLIC_URL turns OAuth on, with `oauth.db` 0600 in
 * the data dir; without it the OAuth paths are 404.
 */
import assert from "node:assert/strict";
import { startEnv, startListening } from "../../_support/start_task.ts";

async function withStarted(
  extra: Record<string, string>,
  body: (origin: string, dataDir: string) => Promise<void>,
) {
  const home = await Deno.makeTempDir({ prefix: "arr-mcp-oauth-start-" });
  try {
    await Deno.mkdir(`${home}/run`, { mode: 0o700 });
    const env = {
      ...startEnv(home, (k) => k.startsWith("ARR_") || k.startsWith("XDG_")),
      ARR_MCP_API_KEY: `test-${crypto.randomUUID()}`,
      ARR_DATA_DIR: `${home}/data`,
      ...extra,
    };
    const started = await startListening(env);
    try {
      await body(`http://127.0.0.1:${started.port}`, `${home}/data`);
    } finally {
      await started.stop();
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

Deno.test("deno task start with ARR_MCP_PUBLIC_URL serves the OAuth metadata and keeps oauth.db private", async () => {
  await withStarted({ ARR_MCP_PUBLIC_URL: "https://arr.example.com" }, async (origin, dataDir) => {
    const prm = await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`);
    assert.equal(prm.status, 200);
    assert.equal((await prm.json()).resource, "https://arr.example.com/mcp");
    const as = await (await fetch(`${origin}/.well-known/oauth-authorization-server`)).json();
    assert.equal(as.token_endpoint, "https://arr.example.com/oauth/token");
    const mcp = await fetch(`${origin}/mcp`, { method: "POST", body: "{}" });
    assert.match(
      mcp.headers.get("www-authenticate") ?? "",
      /resource_metadata="https:\/\/arr\.example\.com\//,
    );
    await mcp.body?.cancel();
    assert.equal((await Deno.stat(`${dataDir}/oauth.db`)).mode! & 0o777, 0o600);
  });
});

Deno.test("deno task start without ARR_MCP_PUBLIC_URL has no OAuth endpoint and no oauth.db", async () => {
  await withStarted({}, async (origin, dataDir) => {
    const prm = await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`);
    assert.equal(prm.status, 404);
    await prm.body?.cancel();
    await assert.rejects(Deno.stat(`${dataDir}/oauth.db`), Deno.errors.NotFound);
  });
});
