import assert from "node:assert/strict";
import { ok } from "../../../../../../shared/result.ts";
import { createStatsSampler } from "../../../../../../mcp/clients/runtime/store/stats_sampler.ts";
import {
  parseLibpodStats,
  perContainerStatsSource,
  type StatsEntry,
} from "../../../../../../mcp/clients/runtime/store/stats_source.ts";
import { manualTime } from "./_manual_time.ts";

const FIXTURE = new URL("../../../../../fixtures/podman_4.3.1/stats.json", import.meta.url);

Deno.test("parseLibpodStats() keeps running containers of the recorded 4.3.1 answer, keyed by id", async () => {
  const parsed = parseLibpodStats(JSON.parse(await Deno.readTextFile(FIXTURE)));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.map((e) => e.name), ["store-test-s1", "store-test-s2"]);
  assert.deepEqual(parsed.value[0], {
    id: "23a76fc4a2f28e1c4d59d754a94d3b56c9796797d3c1112872dba7d6ddb2331f",
    name: "store-test-s1",
    cpuPercent: 13.14,
    memUsageBytes: 593920,
    memLimitBytes: 25275953152,
    memPercent: 0,
    netInputBytes: 90,
    netOutputBytes: 770,
    blockInputBytes: 0,
    blockOutputBytes: 0,
    pids: 1,
  });
});

Deno.test("parseLibpodStats() reports the API's Error and a wrong shape", () => {
  assert.deepEqual(parseLibpodStats({ Error: "no such container", Stats: null }), {
    ok: false,
    error: { kind: "http", message: "Cannot read container stats: no such container" },
  });
  assert.deepEqual(parseLibpodStats([]), {
    ok: false,
    error: { kind: "decode", message: "Cannot read container stats: unexpected answer shape" },
  });
});

Deno.test("perContainerStatsSource() asks once per running id and skips the ones that fail", async () => {
  const asked: string[] = [];
  const source = perContainerStatsSource({
    stats(name) {
      asked.push(name);
      return Promise.resolve(
        name === "b" ? { ok: false, error: { kind: "conflict", message: "not running" } } : ok(entry(name)),
      );
    },
  }, () => Promise.resolve(ok(["a", "b", "c"])));
  const r = await source();
  assert.deepEqual(asked, ["a", "b", "c"]);
  assert.deepEqual(r.ok && r.value.map((e) => e.id), ["a", "c"]);
});

function entry(id: string): StatsEntry {
  return {
    id,
    name: id,
    cpuPercent: 1,
    memUsageBytes: 1,
    memLimitBytes: 2,
    memPercent: 50,
    netInputBytes: 0,
    netOutputBytes: 0,
    blockInputBytes: 0,
    blockOutputBytes: 0,
    pids: 1,
  };
}

/** A sampler over manual time whose source answers one entry per call (`c1`, `c2` …), counted. */
function countingSampler(idleMs = 30_000) {
  const time = manualTime();
  let calls = 0;
  const sampler = createStatsSampler({
    source: () => Promise.resolve(ok([entry(`c${++calls}`)])),
    clock: time.clock,
    timers: time.timers,
    intervalMs: 5000,
    idleMs,
  });
  return {
    time,
    sampler,
    get calls() {
      return calls;
    },
  };
}

Deno.test("createStatsSampler() shares one sample among concurrent readers and within the interval", async () => {
  const src = countingSampler();
  const { time, sampler } = src;
  const [a, b, c] = await Promise.all([sampler.read(), sampler.read(), sampler.read()]);
  assert.equal(src.calls, 1);
  assert.ok(a.ok && b.ok && c.ok);
  assert.equal(a.value, b.value);
  assert.equal(a.value.byId.get("c1")?.memPercent, 50);
  await time.advance(4999);
  assert.equal((await sampler.read()).ok, true);
  assert.equal(src.calls, 1, "no second sample within the interval");
  sampler.stop();
});

Deno.test("createStatsSampler() samples in the background while read recently, and stops when idle", async () => {
  const src = countingSampler(20_000);
  const { time, sampler } = src;
  await sampler.read();
  await time.advance(5000);
  assert.equal(src.calls, 2, "the next sample is ready before anyone asks");
  const r = await sampler.read();
  assert.equal(r.ok && r.value.entries[0]?.id, "c2");
  assert.equal(src.calls, 2);
  await time.advance(60_000);
  const after = src.calls;
  // Last read at 5 s, idle after 20 s: background samples at 10, 15, 20 and 25 s, then none.
  assert.equal(after, 6);
  await time.advance(60_000);
  assert.equal(src.calls, after, "no sampling while nobody reads");
  assert.equal(time.pending(), 0);
  await sampler.read();
  assert.equal(src.calls, after + 1, "a read after the idle period samples again");
  sampler.stop();
});
