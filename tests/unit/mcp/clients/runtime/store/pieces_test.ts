import assert from "node:assert/strict";
import { backoffDelay } from "../../../../../../mcp/clients/runtime/store/backoff.ts";
import {
  ContainerTable,
  summaryDrifted,
} from "../../../../../../mcp/clients/runtime/store/container_table.ts";
import { LineSplitter } from "../../../../../../mcp/clients/runtime/store/line_splitter.ts";
import { mapLimit } from "../../../../../../mcp/clients/runtime/store/map_limit.ts";
import { Waiters } from "../../../../../../mcp/clients/runtime/store/waiters.ts";
import { fakeContainer } from "./_fake_runtime.ts";
import { manualTime } from "./_manual_time.ts";

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("backoffDelay() doubles from 250 ms to a 30 s ceiling; attempt 0 is immediate", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 8, 9, 50].map((n) => backoffDelay(n)), [
    0,
    250,
    500,
    1000,
    2000,
    30_000,
    30_000,
    30_000,
  ]);
  assert.equal(backoffDelay(3, { baseMs: 10, maxMs: 25 }), 25);
});

Deno.test("LineSplitter.push() joins lines split across chunks and multi-byte characters", () => {
  const s = new LineSplitter();
  assert.deepEqual(s.push(enc('{"a":1}\n{"b"')), { lines: ['{"a":1}'], overlong: 0 });
  const bytes = enc(':"é"}\n\n');
  assert.deepEqual(s.push(bytes.subarray(0, 3)), { lines: [], overlong: 0 });
  assert.deepEqual(s.push(bytes.subarray(3)), { lines: ['{"b":"é"}'], overlong: 0 });
});

Deno.test("LineSplitter.push() drops a line longer than its cap once, tail included", () => {
  const s = new LineSplitter(10);
  assert.deepEqual(s.push(enc("0123456789ABC")), { lines: [], overlong: 1 });
  assert.deepEqual(s.push(enc("DEFGHIJKLMNOPQ")), { lines: [], overlong: 0 });
  assert.deepEqual(s.push(enc("tail\nok\n")), { lines: ["ok"], overlong: 0 });
  assert.deepEqual(s.push(enc("01234567890123\nfine\n")), { lines: ["fine"], overlong: 1 });
});

Deno.test("ContainerTable.summaries() sorts by id and filters running; find() needs a unique prefix", () => {
  const t = new ContainerTable();
  const b = fakeContainer("b", "exited", { id: "bbb111" });
  const a = fakeContainer("a", "running", { id: "aaa111" });
  const a2 = fakeContainer("a2", "running", { id: "aaa222" });
  for (const c of [b, a, a2]) t.put(c.summary, c.details, 1);
  assert.deepEqual(t.summaries().map((s) => s.id), ["aaa111", "aaa222", "bbb111"]);
  assert.deepEqual(t.summaries({ all: false }).map((s) => s.name), ["a", "a2"]);
  assert.equal(t.find("aaa"), undefined);
  assert.equal(t.find("aaa2")?.summary.name, "a2");
  assert.equal(t.find("/b")?.summary.id, "bbb111");
  assert.equal(t.find("bb"), undefined);
  assert.equal(t.setHealth("bbb111", "healthy", 2), true);
  assert.equal(t.find("b")?.details?.healthStatus, "healthy");
  assert.equal(t.setHealth("nope", "healthy", 2), false);
});

Deno.test("summaryDrifted() ignores the status text and label order, not state, name or ports", () => {
  const base = fakeContainer("x", "running", { labels: { a: "1", b: "2" } }).summary;
  assert.equal(summaryDrifted(base, { ...base, status: "Up 3 minutes", labels: { b: "2", a: "1" } }), false);
  assert.equal(summaryDrifted(base, { ...base, state: "exited" }), true);
  assert.equal(summaryDrifted(base, { ...base, name: "y" }), true);
  assert.equal(summaryDrifted(base, { ...base, ports: ["8080->80/tcp"] }), true);
});

Deno.test("mapLimit() keeps order and never runs more than its limit at once", async () => {
  let running = 0;
  let peak = 0;
  const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, n));
    running--;
    return n * 10;
  });
  assert.deepEqual(out, [50, 10, 40, 20, 30]);
  assert.equal(peak, 2);
  assert.deepEqual(await mapLimit([], 4, () => Promise.resolve(1)), []);
});

Deno.test("Waiters.wait() resolves on a notify that makes it true, false on timeout, rejects on a throw", async () => {
  const time = manualTime();
  const w = new Waiters(time.timers);
  let value = 0;
  const yes = w.wait(() => value === 1, 1000);
  const no = w.wait(() => value === 2, 1000);
  const bad = w.wait(() => {
    if (value === 1) throw new Error("boom");
    return false;
  }, 1000);
  value = 1;
  w.notify();
  assert.equal(await yes, true);
  await assert.rejects(bad, /boom/);
  await time.advance(1000);
  assert.equal(await no, false);
  assert.equal(w.size, 0);
  assert.equal(time.pending(), 0);
});
