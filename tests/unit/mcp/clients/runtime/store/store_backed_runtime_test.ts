import assert from "node:assert/strict";
import { err, ok } from "../../../../../../shared/result.ts";
import type { RuntimeClient } from "../../../../../../mcp/clients/runtime/client.ts";
import { createStatsSampler } from "../../../../../../mcp/clients/runtime/store/stats_sampler.ts";
import { storeBackedRuntime } from "../../../../../../mcp/clients/runtime/store/store_backed_runtime.ts";
import { unavailableRuntime } from "../../../../../../mcp/clients/runtime/unavailable.ts";
import { fakeContainer, type FakeRuntime } from "./_fake_runtime.ts";
import { liveStore } from "./_store_fixture.ts";

const web = fakeContainer("web");
const db = fakeContainer("db", "exited");

/** The fake's list/inspect plus writes that change it, each counted. */
function fullRuntime(rt: FakeRuntime): RuntimeClient & { writes: string[]; statsCalls: string[] } {
  const writes: string[] = [];
  const statsCalls: string[] = [];
  return {
    ...unavailableRuntime(),
    socket: "/fake.sock",
    list: (o) => rt.runtime.list(o),
    inspect: (n) => rt.runtime.inspect(n),
    stop(name) {
      writes.push(`stop ${name}`);
      rt.setState(web.summary.id, "exited");
      return Promise.resolve(ok({ changed: true }));
    },
    stats(name) {
      statsCalls.push(name);
      return Promise.resolve(
        err({ kind: "conflict", message: `Cannot read stats of container "${name}": it is not running` }),
      );
    },
    writes,
    statsCalls,
  };
}

Deno.test("storeBackedRuntime() answers list and inspect from the store, identical to the runtime, with no call", async () => {
  await using f = await liveStore([web, db]);
  const raw = fullRuntime(f.rt);
  const rt = storeBackedRuntime(raw, f.store);
  const calls = f.rt.calls.total();
  const viaStore = await rt.list({ all: true });
  const viaInspect = await rt.inspect("web");
  assert.equal(f.rt.calls.total(), calls);
  const direct = await raw.list({ all: true });
  assert.ok(viaStore.ok && direct.ok);
  assert.deepEqual(viaStore.value, [...direct.value].sort((a, b) => (a.id < b.id ? -1 : 1)));
  assert.deepEqual(viaInspect, await raw.inspect("web"));
});

Deno.test("storeBackedRuntime() re-reads what a write changed: container_stop then container_list is already correct", async () => {
  await using f = await liveStore([web, db]);
  const raw = fullRuntime(f.rt);
  const rt = storeBackedRuntime(raw, f.store);
  assert.deepEqual(await rt.stop("web"), { ok: true, value: { changed: true } });
  const list = await rt.list();
  assert.equal(list.ok && list.value.find((c) => c.name === "web")?.state, "exited");
  assert.deepEqual(raw.writes, ["stop web"]);
});

Deno.test("storeBackedRuntime() goes straight to the runtime while the store is down", async () => {
  await using f = await liveStore([web]);
  const raw = fullRuntime(f.rt);
  const rt = storeBackedRuntime(raw, f.store);
  await f.store.stop();
  const before = f.rt.calls.list;
  assert.equal((await rt.list()).ok, true);
  assert.equal(f.rt.calls.list, before + 1);
});

Deno.test("storeBackedRuntime() reads a page's stats from one shared sample (with its time), a single read and what it lacks from the runtime", async () => {
  await using f = await liveStore([web, db]);
  const raw = fullRuntime(f.rt);
  let samples = 0;
  const sampler = createStatsSampler({
    source: () => {
      samples++;
      return Promise.resolve(ok([{
        id: web.summary.id,
        name: "web",
        cpuPercent: 1.5,
        memUsageBytes: 100,
        memLimitBytes: 1000,
        memPercent: 10,
        netInputBytes: 0,
        netOutputBytes: 0,
        blockInputBytes: 0,
        blockOutputBytes: 0,
        pids: 1,
      }]));
    },
    clock: f.time.clock,
    timers: f.time.timers,
  });
  const rt = storeBackedRuntime(raw, f.store, sampler);
  const shared = { shared: true };
  const byName = await rt.stats("web", shared);
  const byId = await rt.stats(web.summary.id, shared);
  assert.deepEqual(byName, byId);
  assert.equal(byName.ok && byName.value.memUsageBytes, 100);
  assert.equal(byName.ok && "id" in byName.value, false);
  assert.equal(byName.ok && byName.value.sampledAt, f.time.clock.now(), "the sample says when it was taken");
  assert.equal(sampler.sampledAt, f.time.clock.now());
  assert.equal(samples, 1);
  assert.equal((await rt.stats("db", shared)).ok, false);
  assert.deepEqual(raw.statsCalls, ["db"]);
  // One container's figures for a tool call are current: the runtime answers, not the sample.
  assert.equal((await rt.stats("web")).ok, false, "the fake runtime has no stats for web");
  assert.deepEqual(raw.statsCalls, ["db", "web"]);
  assert.equal(samples, 1);
  sampler.stop();
});
