/**
 * Memory stays bounded under load: the real server process (the start task's own flags) gets 1,000 concurrent
 * tools/call requests. Over the in-flight cap and its queue the answer is 503 with Retry-After and a JSON-RPC
 * error; every other call succeeds; the server's peak RSS stays under a fixed bound (without the cap: 907 MB).
 */
import assert from "node:assert/strict";
import { DEFAULT_MAX_INFLIGHT } from "../../../../mcp/core/config.ts";
import { startEnv, startListening } from "../../_support/start_task.ts";

const CALLS = 1000;
const PEAK_RSS_BOUND_MB = 400;

/** VmRSS and VmHWM (peak RSS) of a process, in MB. */
async function memoryMb(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

Deno.test("1,000 concurrent tools/call: 503 with Retry-After over the cap, the rest succeed, peak RSS bounded", async () => {
  const home = await Deno.makeTempDir({ prefix: "arr-mcp-load-" });
  await Deno.mkdir(`${home}/run`, { mode: 0o700 });
  await Deno.mkdir(`${home}/stacks/media`, { recursive: true });
  await Deno.writeTextFile(
    `${home}/stacks/media/compose.yaml`,
    "services:\n  web:\n    image: busybox\n    environment:\n      - API_KEY=not-shown\n",
  );
  const key = `load-${crypto.randomUUID()}`;
  const env = {
    ...startEnv(home, (k) => k.startsWith("ARR_")),
    ARR_MCP_API_KEY: key,
    ARR_STACKS_DIR: `${home}/stacks`,
    ARR_RUNTIME_SOCKET: `${home}/no-runtime.sock`,
    ARR_HELPER_SOCKET: `${home}/no-helper.sock`,
  };
  const server = await startListening(env).catch(async (e) => {
    await Deno.remove(home, { recursive: true });
    throw e;
  });
  try {
    const { child, port } = server;
    const idle = await memoryMb(child.pid);
    const body = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "compose_read", arguments: { stack: "media" } },
    });
    const answers = await Promise.all(Array.from({ length: CALLS }, async () => {
      const res = await fetch(`http://127.0.0.1:${port}/mcp`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body,
      });
      return { status: res.status, retryAfter: res.headers.get("retry-after"), json: await res.json() };
    }));
    const memory = await memoryMb(child.pid);

    const busy = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    assert.equal(busy.length + served.length, CALLS, `other statuses: ${answers.map((a) => a.status)}`);
    assert.ok(busy.length > 0, `no call was refused over the cap of ${DEFAULT_MAX_INFLIGHT}`);
    assert.ok(served.length >= DEFAULT_MAX_INFLIGHT, `only ${served.length} calls were served`);
    for (const a of busy) {
      assert.equal(a.retryAfter, "1");
      assert.equal(a.json.error.code, -32000);
      assert.match(a.json.error.message, /^Server busy/);
    }
    for (const a of served) {
      assert.equal(a.json.error, undefined);
      assert.equal(a.json.result.isError, undefined, JSON.stringify(a.json.result));
      assert.match(a.json.result.structuredContent.content, /API_KEY=\[REDACTED\]/);
    }
    console.log(
      `${CALLS} concurrent calls: ${served.length} served, ${busy.length} answered 503; RSS idle ` +
        `${idle.rss.toFixed(0)} MB, peak ${memory.peak.toFixed(0)} MB`,
    );
    assert.ok(memory.peak < PEAK_RSS_BOUND_MB, `peak RSS ${memory.peak.toFixed(0)} MB`);
  } finally {
    await server.stop();
    await Deno.remove(home, { recursive: true });
  }
});
