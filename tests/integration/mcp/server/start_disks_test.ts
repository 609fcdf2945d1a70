/**
 * Disk usage works under the start task's exact permission flags: disk_usage and the dashboard's disks read
 * statfs(2), which Deno grants only with `--allow-sys=statfs` (without it both answer "Requires sys access").
 */
import assert from "node:assert/strict";
import { connectHttpClient } from "../../_support/http_client.ts";
import { startEnv, startListening } from "../../_support/start_task.ts";

Deno.test("deno task start: disk_usage and /api/status disks read the filesystems (statfs allowed)", async () => {
  const home = await Deno.makeTempDir({ prefix: "arr-mcp-disks-" });
  await Deno.mkdir(`${home}/run`, { mode: 0o700 });
  await Deno.mkdir(`${home}/stacks`);
  await Deno.mkdir(`${home}/media`);
  const key = `disks-${crypto.randomUUID()}`;
  const env = {
    ...startEnv(home, (k) => k.startsWith("ARR_")),
    ARR_MCP_API_KEY: key,
    ARR_STACKS_DIR: `${home}/stacks`,
    ARR_MEDIA_DIR: `${home}/media`,
    ARR_RUNTIME_SOCKET: `${home}/no-runtime.sock`,
    ARR_HELPER_SOCKET: `${home}/no-helper.sock`,
  };
  const server = await startListening(env).catch(async (e) => {
    await Deno.remove(home, { recursive: true });
    throw e;
  });
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const client = await connectHttpClient(`${base}/mcp`, key);
    try {
      const r = await client.callTool({ name: "disk_usage", arguments: {} });
      assert.notEqual(r.isError, true, JSON.stringify(r.content));
      const out = r.structuredContent as { filesystems: Array<{ total_bytes: number }> };
      assert.ok(out.filesystems.length > 0, JSON.stringify(out));
      assert.ok(out.filesystems.every((f) => f.total_bytes > 0), JSON.stringify(out));
    } finally {
      await client.close();
    }
    const res = await fetch(`${base}/api/status`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(res.status, 200);
    const status = await res.json() as {
      disks: Array<{ label: string; total_bytes: number | null; error: unknown }>;
    };
    assert.deepEqual(status.disks.map((d) => [d.label, d.error]), [["stacks", null], ["media", null]]);
    assert.ok(status.disks.every((d) => (d.total_bytes ?? 0) > 0));
  } finally {
    await server.stop();
    await Deno.remove(home, { recursive: true });
  }
});
