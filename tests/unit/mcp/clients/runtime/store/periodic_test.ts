import assert from "node:assert/strict";
import { messageOf, startPeriodic } from "../../../../../../mcp/clients/runtime/store/periodic.ts";
import { manualTime } from "./_manual_time.ts";

Deno.test("startPeriodic() waits the first delay, then runs every interval and goes on after an error", async () => {
  const time = manualTime();
  const runs: number[] = [];
  const errors: string[] = [];
  const job = startPeriodic(() => {
    runs.push(time.clock.now());
    return runs.length === 2 ? Promise.reject(new Error("registry down")) : Promise.resolve();
  }, {
    firstDelayMs: 1_000,
    intervalMs: 10_000,
    timers: time.timers,
    onError: (e) => errors.push(messageOf(e)),
  });
  const start = time.clock.now();
  await time.advance(999);
  assert.deepEqual(runs, [], "nothing runs during startup");
  await time.advance(1);
  await time.advance(20_000);
  assert.deepEqual(runs.map((t) => t - start), [1_000, 11_000, 21_000]);
  assert.deepEqual(errors, ["registry down"]);
  await job.stop();
  await time.advance(60_000);
  assert.equal(runs.length, 3, "no run after stop");
  assert.equal(time.pending(), 0);
});

Deno.test("startPeriodic() never overlaps runs, and stop() waits for the one in progress", async () => {
  const time = manualTime();
  let release = () => {};
  let running = 0;
  let most = 0;
  let finished = 0;
  const job = startPeriodic(async (signal) => {
    running++;
    most = Math.max(most, running);
    await new Promise<void>((r) => release = r);
    running--;
    if (!signal.aborted) finished++;
  }, { firstDelayMs: 0, intervalMs: 100, timers: time.timers, onError: () => {} });
  await time.advance(1_000);
  assert.equal(most, 1, "a slow run is not doubled while its interval passes");
  let stopped = false;
  const stopping = job.stop().then(() => stopped = true);
  await time.settle();
  assert.equal(stopped, false, "stop() waits for the run in progress");
  release();
  await stopping;
  assert.deepEqual([running, finished], [0, 0]);
});

Deno.test("messageOf() gives an Error's message and any other value as text", () => {
  assert.deepEqual([messageOf(new Error("boom")), messageOf("plain"), messageOf(42)], [
    "boom",
    "plain",
    "42",
  ]);
});
