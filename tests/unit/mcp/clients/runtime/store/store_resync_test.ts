import assert from "node:assert/strict";
import { podmanEvent, UNREACHABLE } from "./_fake_events.ts";
import { fakeContainer } from "./_fake_runtime.ts";
import { liveStore } from "./_store_fixture.ts";

const web = fakeContainer("web");
const db = fakeContainer("db", "exited");
const late = fakeContainer("late");

Deno.test("a dropped stream is reopened and re-listed: a container created meanwhile appears", async () => {
  await using f = await liveStore([web, db]);
  await f.time.advance(30_000);
  f.ev.drop();
  f.rt.put(late);
  await f.time.settle();
  const status = f.store.status();
  assert.equal(status.state, "live");
  assert.equal(status.drops, 1);
  assert.equal(status.resyncs, 2);
  assert.equal(f.ev.opens, 2);
  assert.equal(status.lastError, "The event stream ended");
  const list = await f.store.list();
  assert.deepEqual(list.ok && list.value.map((s) => s.name).sort(), ["db", "late", "web"]);
});

Deno.test("while the runtime is down readers get its error, then backoff retries until it is back", async () => {
  await using f = await liveStore([web]);
  await f.time.advance(30_000);
  f.ev.refuse(UNREACHABLE);
  f.ev.drop();
  await f.time.settle();
  // The immediate reconnect failed: down, and readers are told why instead of getting old data.
  assert.equal(f.store.status().state, "down");
  assert.deepEqual(await f.store.list(), { ok: false, error: UNREACHABLE });
  assert.deepEqual(await f.store.get("web"), { ok: false, error: UNREACHABLE });
  const ageAtDown = f.store.status().ageMs;
  assert.equal(ageAtDown, 0);
  // Backoff: 250 ms, 500 ms, 1 s … each attempt opens once.
  await f.time.advance(250);
  assert.equal(f.ev.opens, 3);
  await f.time.advance(499);
  assert.equal(f.ev.opens, 3);
  await f.time.advance(1);
  assert.equal(f.ev.opens, 4);
  assert.equal(f.store.status().ageMs, 750);
  f.ev.refuse(null);
  f.rt.put(late);
  await f.time.advance(1000);
  assert.equal(f.store.status().state, "live");
  assert.equal(f.store.status().ageMs, 0);
  const list = await f.store.list();
  assert.deepEqual(list.ok && list.value.map((s) => s.name).sort(), ["late", "web"]);
});

Deno.test("a list that fails after the stream opened leaves the store down with the list's error", async () => {
  await using f = await liveStore([web]);
  const listError = {
    kind: "timeout" as const,
    message: "Cannot list containers: the podman API did not answer in time",
  };
  f.rt.fail(listError);
  await f.time.advance(30_000);
  f.ev.drop();
  await f.time.settle();
  assert.equal(f.store.status().state, "down");
  assert.deepEqual(await f.store.list(), { ok: false, error: listError });
  assert.equal(f.ev.connected, false, "the stream opened for the failed attempt is closed again");
  f.rt.fail(null);
  await f.time.advance(250);
  assert.equal(f.store.status().state, "live");
});

Deno.test("a stalled stream (silent past stallTimeoutMs on the injected clock) is reopened and re-listed", async () => {
  await using f = await liveStore([web], { stallTimeoutMs: 10_000, resyncIntervalMs: 1_000_000 });
  await f.time.advance(9_000);
  f.ev.send(podmanEvent("exec_died", web.summary.id, "web"));
  await f.time.advance(9_000);
  assert.equal(f.ev.opens, 1, "data within the timeout keeps the stream");
  f.rt.put(late);
  await f.time.advance(1_000);
  assert.equal(f.store.status().state, "resyncing");
  await f.time.advance(250);
  assert.equal(f.ev.opens, 2);
  const status = f.store.status();
  assert.equal(status.lastError, "The event stream stalled: no data for 10000 ms");
  assert.equal(status.state, "live");
  assert.equal((await f.store.get("late")).ok, true);
});

Deno.test("junk lines are counted and skipped; the store stays live and applies the next real event", async () => {
  await using f = await liveStore([web], { stallTimeoutMs: 10_000 });
  f.ev.sendRaw("not json\n[1,2]\n{\n\n42\nnull\n");
  f.ev.sendRaw(`${"x".repeat(1024 * 1024 + 10)}`);
  f.ev.sendRaw(`${"y".repeat(100)}\n`);
  f.ev.sendRaw(`{"Type":"container","Action":"start"`);
  f.rt.setState(web.summary.id, "paused");
  f.ev.sendRaw(`,"Actor":{"ID":"${web.summary.id}"}}\n`);
  assert.equal(await f.store.waitFor((v) => v.get("web")?.summary.state === "paused", 1000), true);
  const status = f.store.status();
  assert.equal(status.junkLines, 6, "5 unparsable or non-object lines and 1 overlong one");
  assert.equal(status.state, "live");
  assert.equal(status.drops, 0);
  assert.equal(status.eventsApplied, 1);
});

Deno.test("the periodic re-list repairs drift the events missed and counts it", async () => {
  await using f = await liveStore([web, db], { resyncIntervalMs: 60_000, stallTimeoutMs: 1_000_000 });
  f.rt.setState(web.summary.id, "exited");
  f.rt.remove(db.summary.id);
  f.rt.put(late);
  const inspectsBefore = f.rt.calls.inspect;
  await f.time.advance(59_999);
  assert.equal((await f.store.list()).ok && (await f.store.get("db")).ok, true, "not yet");
  await f.time.advance(1);
  const list = await f.store.list();
  assert.deepEqual(list.ok && list.value.map((s) => `${s.name}:${s.state}`).sort(), [
    "late:running",
    "web:exited",
  ]);
  assert.equal(f.store.status().driftRepaired, 3);
  assert.equal(
    f.rt.calls.inspect - inspectsBefore,
    2,
    "only the changed and the new container are inspected",
  );
  await f.time.advance(60_000);
  assert.equal(f.store.status().driftRepaired, 3, "no drift, nothing counted");
  assert.equal(f.rt.calls.list, 3);
});

Deno.test("a re-read the runtime refuses ends the connection: the store re-lists instead of keeping old data", async () => {
  await using f = await liveStore([web]);
  f.rt.fail({ kind: "unreachable", message: "Cannot list containers: connection refused" });
  f.ev.send(podmanEvent("died", web.summary.id, "web"));
  await f.time.advance(250);
  assert.equal(f.store.status().state, "down");
  assert.equal(f.store.status().lastError, "Cannot list containers: connection refused");
  f.rt.fail(null);
  f.rt.setState(web.summary.id, "exited");
  await f.time.advance(500);
  const got = await f.store.get("web");
  assert.equal(got.ok && got.value.summary.state, "exited");
});

Deno.test("readers wait for a resync in progress, and answer timeout if it takes longer than readTimeoutMs", async () => {
  await using f = await liveStore([web], { readTimeoutMs: 3_000 });
  await f.time.advance(30_000);
  f.rt.hold();
  f.ev.drop();
  await f.time.settle();
  assert.equal(f.store.status().state, "resyncing");
  const waiting = f.store.list();
  f.rt.release();
  const answer = await waiting;
  assert.equal(answer.ok, true);
  await f.time.advance(30_000);
  f.rt.hold();
  f.ev.drop();
  await f.time.settle();
  const slow = f.store.list();
  await f.time.advance(3_000);
  assert.deepEqual(await slow, {
    ok: false,
    error: {
      kind: "timeout",
      message: "Cannot read containers: the state store is still re-listing after 3000 ms",
    },
  });
  f.rt.release();
  await f.time.settle();
  assert.equal(f.store.status().state, "live");
});

Deno.test("reconnects after short-lived connections back off; a connection live for 30 s resets the delay", async () => {
  await using f = await liveStore([web], { resyncIntervalMs: 1_000_000 });
  await f.time.advance(30_000);
  f.ev.drop();
  await f.time.settle();
  assert.equal(f.ev.opens, 2, "the first reconnect after a long-lived connection is immediate");
  f.ev.drop();
  await f.time.settle();
  assert.equal(f.ev.opens, 2, "a connection that lived under 30 s waits before the next");
  await f.time.advance(250);
  assert.equal(f.ev.opens, 3);
  f.ev.drop();
  await f.time.advance(499);
  assert.equal(f.ev.opens, 3, "the second short-lived connection waits 500 ms");
  await f.time.advance(1);
  assert.equal(f.ev.opens, 4);
  await f.time.advance(30_000);
  f.ev.drop();
  await f.time.settle();
  assert.equal(f.ev.opens, 5);
});

Deno.test("the periodic re-list re-inspects containers with a health check and repairs a missed health change", async () => {
  const checked = fakeContainer("checked", "running", { health: "healthy" });
  await using f = await liveStore([web, checked], { resyncIntervalMs: 60_000, stallTimeoutMs: 1_000_000 });
  f.rt.put(fakeContainer("checked", "running", { health: "unhealthy" }));
  const inspectsBefore = f.rt.calls.inspect;
  await f.time.advance(60_000);
  const got = await f.store.get("checked");
  assert.equal(got.ok && got.value.details?.healthStatus, "unhealthy");
  assert.equal(f.store.status().driftRepaired, 1);
  assert.equal(f.rt.calls.inspect - inspectsBefore, 1, "web has no health check and did not change");
});
