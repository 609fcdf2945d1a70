import assert from "node:assert/strict";
import { STORE_NOT_STARTED } from "../../../../../../mcp/clients/runtime/store/state_store.ts";
import { createStateStore } from "../../../../../../mcp/clients/runtime/store/state_store.ts";
import { fakeEvents, podmanEvent } from "./_fake_events.ts";
import { fakeContainer, fakeRuntime, idOf } from "./_fake_runtime.ts";
import { manualTime } from "./_manual_time.ts";
import { liveStore } from "./_store_fixture.ts";

const web = fakeContainer("web");
const db = fakeContainer("db", "exited");
const cache = fakeContainer("cache");

Deno.test("createStateStore() lists once, inspects each container, then answers list() like the runtime", async () => {
  await using f = await liveStore([web, db, cache]);
  assert.equal(f.store.status().state, "live");
  assert.deepEqual(f.rt.calls.list, 1);
  assert.deepEqual(f.rt.calls.inspect, 3);
  const direct = await f.rt.runtime.list({ all: true });
  const stored = await f.store.list();
  assert.ok(direct.ok && stored.ok);
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
  assert.deepEqual(stored.value, [...direct.value].sort(byId));
  assert.deepEqual((await f.store.list({ all: false })).ok && (await f.store.list({ all: false })), {
    ok: true,
    value: [cache.summary, web.summary].sort(byId),
  });
});

Deno.test("list(), get(), status() and waitFor() make no runtime call per read", async () => {
  await using f = await liveStore([web, db, cache]);
  const before = f.rt.calls.total();
  for (let i = 0; i < 1000; i++) {
    await f.store.list();
    await f.store.get("web");
    await f.store.get(idOf("db").slice(0, 12));
    f.store.status();
    await f.store.waitFor((v) => v.get("cache") !== undefined, 10);
  }
  assert.equal(f.rt.calls.total(), before);
  assert.equal(f.store.status().runtimeCalls, 1 + 1 + 3);
});

Deno.test("get() finds by name, full id and unique id prefix, and says not_found otherwise", async () => {
  await using f = await liveStore([web, db, fakeContainer("webx")]);
  assert.equal(
    (await f.store.get(idOf("web").slice(0, 6))).ok,
    false,
    "the prefix of web and webx is ambiguous",
  );
  const byName = await f.store.get("web");
  assert.equal(byName.ok && byName.value.details?.name, "web");
  assert.equal((await f.store.get(idOf("db"))).ok, true);
  assert.equal((await f.store.get(idOf("db").slice(0, 6))).ok, true);
  assert.equal(
    (await f.store.get(idOf("d"))).ok,
    false,
    "a prefix shorter than 3 characters is not looked up",
  );
  assert.deepEqual(await f.store.get("nope"), {
    ok: false,
    error: { kind: "not_found", message: 'Cannot find container "nope": no such container' },
  });
});

Deno.test("a state event re-reads only the container it names: one filtered list and one inspect", async () => {
  await using f = await liveStore([web, db, cache]);
  const before = { ...f.rt.calls };
  f.rt.setState(web.summary.id, "exited");
  f.ev.send(podmanEvent("died", web.summary.id, "web"));
  assert.equal(await f.store.waitFor((v) => v.get("web")?.summary.state === "exited", 1000), true);
  assert.equal(f.rt.calls.list, before.list);
  assert.equal(f.rt.calls.filteredList - before.filteredList, 1);
  assert.equal(f.rt.calls.inspect - before.inspect, 1);
  assert.deepEqual(f.rt.filteredIds.at(-1), [web.summary.id]);
  const got = await f.store.get("web");
  assert.equal(got.ok && got.value.details?.running, false);
  assert.equal(f.store.status().eventsApplied, 1);
});

Deno.test("a burst of events is coalesced into one filtered list for all the containers it names", async () => {
  await using f = await liveStore([web, db, cache]);
  const before = f.rt.calls.filteredList;
  f.rt.setState(web.summary.id, "exited");
  f.rt.setState(db.summary.id, "running");
  f.ev.send(
    podmanEvent("kill", web.summary.id, "web"),
    podmanEvent("died", web.summary.id, "web"),
    podmanEvent("init", db.summary.id, "db"),
    podmanEvent("start", db.summary.id, "db"),
    podmanEvent("exec_died", cache.summary.id, "cache"),
    podmanEvent("exec", web.summary.id, "web"),
  );
  await f.time.settle();
  assert.equal(f.rt.calls.filteredList - before, 1);
  assert.deepEqual(f.rt.filteredIds.at(-1)?.sort(), [web.summary.id, db.summary.id].sort());
  const list = await f.store.list();
  assert.deepEqual(list.ok && list.value.map((s) => `${s.name}:${s.state}`).sort(), [
    "cache:running",
    "db:running",
    "web:exited",
  ]);
  assert.equal(f.store.status().eventsApplied, 4);
  assert.equal(f.store.status().eventsIgnored, 2);
});

Deno.test("remove and Docker's health events are applied from the event alone, with no runtime call", async () => {
  await using f = await liveStore([web, db]);
  const before = f.rt.calls.total();
  f.ev.send({ Type: "container", Action: "health_status: unhealthy", Actor: { ID: web.summary.id } });
  assert.equal(await f.store.waitFor((v) => v.get("web")?.details?.healthStatus === "unhealthy", 1000), true);
  f.rt.remove(db.summary.id);
  f.ev.send(podmanEvent("remove", db.summary.id, "db"));
  assert.equal(await f.store.waitFor((v) => v.get("db") === undefined, 1000), true);
  assert.equal(f.rt.calls.total(), before);
});

Deno.test("Podman's health events cost one inspect now and one a second later (the status may not be stored yet)", async () => {
  await using f = await liveStore([web, db]);
  const before = { ...f.rt.calls };
  f.ev.send(podmanEvent("health_status", web.summary.id, "web", { HealthStatus: "starting" }));
  await f.time.settle();
  assert.equal(f.rt.calls.inspect - before.inspect, 1);
  // Podman 4.3.1 stores the check's result after writing the event: the first inspect saw the old one.
  f.rt.put(fakeContainer("web", "running", { health: "unhealthy" }));
  await f.time.advance(1_000);
  const got = await f.store.get("web");
  assert.equal(got.ok && got.value.details?.healthStatus, "unhealthy");
  assert.equal(f.rt.calls.inspect - before.inspect, 2);
  assert.equal(f.rt.calls.filteredList, before.filteredList, "the summary is not re-listed");
});

Deno.test("stop() cancels a pending health re-check", async () => {
  const f = await liveStore([web]);
  f.ev.send(podmanEvent("health_status", web.summary.id, "web", { HealthStatus: "starting" }));
  await f.time.settle();
  await f.store.stop();
  assert.equal(f.time.pending(), 0);
});

Deno.test("a rename event re-reads the container: the new name is found, the old one is not", async () => {
  await using f = await liveStore([web]);
  const renamed = fakeContainer("web2", "running", { id: web.summary.id });
  f.rt.put(renamed);
  f.ev.send(podmanEvent("rename", web.summary.id, "web2"));
  assert.equal(await f.store.waitFor((v) => v.get("web2") !== undefined, 1000), true);
  assert.equal((await f.store.get("web")).ok, false);
});

Deno.test("an event that arrives while its container is being re-read wins: the older answer is re-read", async () => {
  await using f = await liveStore([web]);
  f.rt.hold();
  f.ev.send(podmanEvent("start", web.summary.id, "web"));
  await f.time.settle();
  // The first re-read is in flight with "running"; the container stops and says so.
  f.rt.setState(web.summary.id, "exited");
  f.ev.send(podmanEvent("died", web.summary.id, "web"));
  f.rt.release();
  assert.equal(await f.store.waitFor((v) => v.get("web")?.summary.state === "exited", 1000), true);
  await f.time.settle();
  const got = await f.store.get("web");
  assert.equal(got.ok && `${got.value.summary.state}/${got.value.details?.state}`, "exited/exited");
  assert.equal(f.rt.calls.filteredList, 2);
});

Deno.test("refresh() re-reads one container at once: read-your-writes without waiting for the event", async () => {
  await using f = await liveStore([web, db]);
  f.rt.setState(web.summary.id, "exited");
  assert.deepEqual(await f.store.refresh("web"), { ok: true, value: undefined });
  const list = await f.store.list();
  assert.equal(list.ok && list.value.find((s) => s.name === "web")?.state, "exited");
  // A container created behind the store's back is found through inspect.
  f.rt.put(cache);
  assert.deepEqual(await f.store.refresh("cache"), { ok: true, value: undefined });
  assert.equal((await f.store.get("cache")).ok, true);
  // One that is gone everywhere leaves nothing to hold.
  f.rt.remove(db.summary.id);
  assert.deepEqual(await f.store.refresh("db"), { ok: true, value: undefined });
  assert.equal((await f.store.get("db")).ok, false);
});

Deno.test("waitFor() answers false after its timeout when the predicate never holds", async () => {
  await using f = await liveStore([web]);
  const waiting = f.store.waitFor((v) => v.get("web")?.summary.state === "exited", 2000);
  await f.time.advance(1999);
  let settled = false;
  void waiting.then(() => (settled = true));
  await f.time.settle();
  assert.equal(settled, false);
  await f.time.advance(1);
  assert.equal(await waiting, false);
});

Deno.test("readers get an error, not data, before start() and after stop()", async () => {
  const rt = fakeRuntime([web]);
  const time = manualTime();
  const store = createStateStore({
    runtime: rt.runtime,
    events: fakeEvents().source,
    clock: time.clock,
    timers: time.timers,
  });
  assert.deepEqual(await store.list(), { ok: false, error: STORE_NOT_STARTED });
  store.start();
  await time.settle();
  assert.equal((await store.list()).ok, true);
  await store.stop();
  assert.deepEqual(await store.list(), {
    ok: false,
    error: { kind: "unavailable", message: "The container state store is stopped" },
  });
  assert.equal(store.status().state, "down");
});

Deno.test("start() with an AbortSignal stops the store when it aborts", async () => {
  const time = manualTime();
  const ev = fakeEvents();
  const store = createStateStore({
    runtime: fakeRuntime([web]).runtime,
    events: ev.source,
    clock: time.clock,
    timers: time.timers,
  });
  const ctl = new AbortController();
  store.start(ctl.signal);
  await time.settle();
  assert.equal(ev.connected, true);
  ctl.abort();
  await store.stop();
  assert.equal(ev.connected, false);
  assert.equal(store.status().state, "down");
});
