/**
 * Startup faults are clear and not fatal: the real server (the start task's flags) started on a data dir that
 * an older setup left 0755 with a 0644 `audit.db` that is not a database. It must tighten the modes and say so,
 * keep the bad file under a timestamped name, start a new audit log, say so naming both files, and serve.
 */
import assert from "node:assert/strict";
import { startEnv, startListening } from "../../_support/start_task.ts";

Deno.test("a corrupt audit.db in a loose data dir: kept aside, a new log started, modes tightened, /healthz serves", async () => {
  const home = await Deno.makeTempDir({ prefix: "arr-mcp-faults-" });
  const dataDir = `${home}/data`;
  try {
    await Deno.mkdir(`${home}/run`, { mode: 0o700 });
    await Deno.mkdir(dataDir);
    await Deno.chmod(dataDir, 0o755);
    const garbage = "not a database, just some text\n".repeat(100);
    await Deno.writeTextFile(`${dataDir}/audit.db`, garbage);
    await Deno.chmod(`${dataDir}/audit.db`, 0o644);
    const env = {
      ...startEnv(home, (k) => k.startsWith("ARR_")),
      ARR_DATA_DIR: dataDir,
      ARR_MCP_API_KEY: `faults-${crypto.randomUUID()}`,
      ARR_RUNTIME_SOCKET: `${home}/no-runtime.sock`,
      ARR_HELPER_SOCKET: `${home}/no-helper.sock`,
    };
    const server = await startListening(env);
    try {
      const { port, output: out } = server;
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(health.status, 200);
      assert.equal(await health.text(), "ok");

      const aside: string[] = [];
      for await (const e of Deno.readDir(dataDir)) if (e.name.startsWith("audit.db.bad-")) aside.push(e.name);
      assert.equal(aside.length, 1, `moved-aside files: ${aside}`);
      assert.match(aside[0]!, /^audit\.db\.bad-\d{8}T\d{6}Z$/);
      assert.equal(
        await Deno.readTextFile(`${dataDir}/${aside[0]}`),
        garbage,
        "the bad file is kept as it was",
      );

      const lines = out.split("\n");
      const moved = lines.filter((l) => l.includes("audit log"));
      assert.deepEqual(moved, [
        `arr-mcp: the audit log "${dataDir}/audit.db" could not be used (file is not a database): kept it as ` +
        `"${dataDir}/${aside[0]}" and started a new one at "${dataDir}/audit.db"`,
      ]);
      const tightened = lines.filter((l) => l.includes("was not private"));
      assert.equal(tightened.length, 1, out);
      assert.match(
        tightened[0]!,
        /the folder 0755 → 0700, .*audit\.db 0644 → 0600|audit\.db 0644 → 0600.*the folder/,
      );
      assert.equal((await Deno.stat(dataDir)).mode! & 0o777, 0o700);
      assert.equal((await Deno.stat(`${dataDir}/audit.db`)).mode! & 0o777, 0o600);
      assert.equal((await Deno.stat(`${dataDir}/${aside[0]}`)).mode! & 0o777, 0o600);
    } finally {
      await server.stop();
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
