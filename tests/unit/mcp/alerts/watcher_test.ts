import assert from "node:assert/strict";
import type { AlertEngine } from "../../../../mcp/alerts/engine.ts";
import { startWatcher } from "../../../../mcp/alerts/watcher.ts";
import type { AlertCheckReport } from "../../../../mcp/toolkit/alerts_port.ts";
import { manualTime } from "../clients/runtime/store/_manual_time.ts";

/** An engine whose checks count themselves; check 2 throws, every check takes `busyMs` of manual time. */
function countingEngine(time: ReturnType<typeof manualTime>, busyMs: number) {
  const calls = { started: 0, inFlight: 0, maxInFlight: 0 };
  let running: Promise<AlertCheckReport> | undefined;
  const run = async (): Promise<AlertCheckReport> => {
    calls.started++;
    calls.inFlight++;
    calls.maxInFlight = Math.max(calls.maxInFlight, calls.inFlight);
    await new Promise<void>((r) => time.timers.set(r, busyMs));
    calls.inFlight--;
    if (calls.started === 2) throw new Error("boom");
    return { checked_at: "", findings: [], opened: 0, resolved: 0, problems: [] };
  };
  const engine = {
    checkNow: () => (running ??= run().finally(() => (running = undefined))),
  } as unknown as AlertEngine;
  return { engine, calls };
}

Deno.test("the watcher checks on its interval after a first delay, one check at a time, through errors", async () => {
  const time = manualTime();
  const { engine, calls } = countingEngine(time, 2_000);
  const logs: string[] = [];
  const watcher = startWatcher(engine, {
    intervalMs: 10_000,
    firstDelayMs: 1_000,
    timers: time.timers,
    log: (l) => logs.push(l),
  });
  await time.advance(999);
  assert.equal(calls.started, 0, "nothing runs during startup");
  await time.advance(1);
  assert.equal(calls.started, 1);
  await time.advance(2_000 + 10_000);
  assert.equal(calls.started, 2);
  await time.advance(2_000 + 10_000);
  assert.equal(calls.started, 3, "the loop goes on after a failed check");
  assert.deepEqual(logs, ["arr-mcp: alert check failed: boom"]);
  // A check asked for while the watcher's runs joins it.
  await Promise.all([engine.checkNow(), time.advance(2_000)]);
  assert.equal(calls.maxInFlight, 1);
  const stopped = watcher.stop();
  await time.advance(60_000);
  await stopped;
  const before = calls.started;
  await time.advance(60_000);
  assert.equal(calls.started, before, "no check after stop");
});
