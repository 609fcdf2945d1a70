/**
 * The real server started as the start task starts it: an unsupported notification scheme stops startup with a
 * message naming the scheme (never the URL's secret); valid channels start the watcher, announced by scheme
 * and host only, with alerts.db 0600 in the data dir.
 */
import assert from "node:assert/strict";
import { startEnv, startListening, startTaskCommand } from "../../_support/start_task.ts";

const SECRET = "startup-secret-token-0123456789";

Deno.test("ARR_NOTIFY_URLS at startup: unsupported scheme stops it, naming the scheme; valid ones are announced safely", async () => {
  const home = await Deno.makeTempDir({ prefix: "arr-mcp-alerts-start-" });
  try {
    await Deno.mkdir(`${home}/run`, { mode: 0o700 });
    const base = {
      ...startEnv(home, (k) => k.startsWith("ARR_")),
      ARR_DATA_DIR: `${home}/data`,
      ARR_MCP_API_KEY: `alerts-${crypto.randomUUID()}`,
      ARR_RUNTIME_SOCKET: `${home}/no-runtime.sock`,
      ARR_HELPER_SOCKET: `${home}/no-helper.sock`,
    };
    const bad = await (await startTaskCommand({ ...base, ARR_NOTIFY_URLS: `slack://${SECRET}@hooks/x` }))
      .output();
    const stderr = new TextDecoder().decode(bad.stderr);
    assert.equal(bad.code, 2);
    assert.match(stderr, /Invalid ARR_NOTIFY_URLS: unsupported notification scheme "slack"/);
    assert.equal(stderr.includes(SECRET), false);

    const server = await startListening({
      ...base,
      ARR_NOTIFY_URLS: `ntfys://ntfy.example/${SECRET}`,
      ARR_ALERT_INTERVAL_S: "60",
    });
    try {
      assert.match(server.output, /alert checks every 60s; notifications: ntfys:\/\/ntfy\.example/);
      assert.equal(server.output.includes(SECRET), false);
      assert.equal((await Deno.stat(`${home}/data/alerts.db`)).mode! & 0o777, 0o600);
    } finally {
      await server.stop();
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
