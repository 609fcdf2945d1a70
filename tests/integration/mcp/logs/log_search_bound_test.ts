/**
 * No pattern can freeze the server: log_search over the real app (Deno.serve on loopback, a real SDK client)
 * with patterns that backtrack for seconds on the backtracking engine, while `/healthz` is polled on the same
 * server. The search must finish within its bound and `/healthz` must keep answering quickly during it.
 */
import assert from "node:assert/strict";
import { registerLogTools } from "../../../../mcp/logs/log_tools.ts";
import { LOG_SEARCH_BUDGET_MS } from "../../../../mcp/logs/log_tools.ts";
import { testDeps } from "../../../unit/mcp/_support/test_deps.ts";
import { sc, serveApp } from "../../_support/serve_app.ts";

/** A log folder holding one file of `lines` lines of 200 characters (`x` × 199 then `y`). */
async function logDir(lines: number): Promise<{ dir: string; [Symbol.asyncDispose](): Promise<void> }> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-logs-bound-" }));
  const line = "x".repeat(199) + "y";
  await Deno.writeTextFile(`${base}/big.log`, Array.from({ length: lines }, () => line).join("\n") + "\n");
  return { dir: base, [Symbol.asyncDispose]: () => Deno.remove(base, { recursive: true }) };
}

/** Polls `/healthz` until `done` settles; the latency of every answer, and when the first one came. */
async function pollHealth(origin: string, done: Promise<unknown>) {
  let finished = false;
  void done.finally(() => finished = true);
  const latencies: number[] = [];
  while (!finished) {
    const started = performance.now();
    const res = await fetch(`${origin}/healthz`);
    assert.equal(await res.text(), "ok");
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 25));
  }
  return latencies;
}

async function served(dir: string) {
  const deps = testDeps();
  const config = { ...deps.config, logDirs: [dir] };
  const app = await serveApp({ ...deps, config }, [registerLogTools]);
  return { app, origin: new URL(app.url).origin };
}

Deno.test("log_search runs the issue's .*.*.*.*x# over 5,000 lines of 200 characters to the end, within its budget", async () => {
  await using logs = await logDir(5000);
  const { app } = await served(logs.dir);
  await using _ = app;
  const started = performance.now();
  const r = sc(await app.call("log_search", { pattern: ".*.*.*.*x#", mode: "regex" }));
  const took = performance.now() - started;
  console.log(`.*.*.*.*x# over 5,000 lines of 200 characters: ${took.toFixed(0)} ms`);
  assert.equal(r.matches.length, 0);
  assert.equal(r.limited, false, "searched to the end: the budget was not needed");
  // Before the linear-time engine this pattern took 21.7 s on ONE such line; alone this takes ~0.3 s, and the
  // bound leaves room for a loaded machine.
  assert.ok(took < LOG_SEARCH_BUDGET_MS, `took ${took.toFixed(0)} ms`);
});

Deno.test("log_search with a 200-character pattern stops at its budget while /healthz keeps answering", async () => {
  // 20,000 lines (4 MB): with 99 × `.*` the linear engine needs ~3 s per MB, more than the budget.
  await using logs = await logDir(20_000);
  const { app, origin } = await served(logs.dir);
  await using _ = app;
  const pattern = ".*".repeat(99) + "x#";
  const started = performance.now();
  const search = app.call("log_search", { pattern, mode: "regex", max_bytes_per_file: 16 * 1024 * 1024 });
  const latencies = await pollHealth(origin, search);
  const r = sc(await search);
  const took = performance.now() - started;

  assert.ok(took < LOG_SEARCH_BUDGET_MS + 4000, `the search took ${took.toFixed(0)} ms`);
  assert.equal(r.limited, true);
  assert.deepEqual(r.skipped, [{
    source: `${logs.dir}/big.log`,
    reason: `searched only in part: the search's time budget of ${LOG_SEARCH_BUDGET_MS / 1000} s was spent`,
  }]);
  assert.ok(latencies.length >= 20, `/healthz answered only ${latencies.length} times during the search`);
  const slowest = Math.max(...latencies);
  console.log(
    `search ${took.toFixed(0)} ms; /healthz answered ${latencies.length} times during it, slowest ` +
      `${slowest.toFixed(1)} ms`,
  );
  assert.ok(slowest < 1000, `the slowest /healthz during the search took ${slowest.toFixed(0)} ms`);
});
