/**
 * Container state store benchmark on the real testbed (run by `deno task bench`, or alone:
 * `deno bench --allow-all tests/bench/state_store_bench.ts`). With 60 busybox containers (50 running, 10 exited):
 *  1. the store's first sync (live after one list; then one inspect per container in the background);
 *  2. raw libpod `GET /containers/json?all=true` vs `store.list()`, interleaved, p50/p95;
 *  3. the dashboard's per-container facts (collectContainerExtras: 60 inspects + 50 stats per poll) straight
 *     from Podman vs through storeBackedRuntime (memory + one shared stats sample), p50/p95;
 *  4. staleness: a container stopped or started through the API, until the store shows it, p50/p99;
 *  5. the Podman calls the store made for all of the above.
 * The report goes to stderr; the containers are removed by exact name at the end.
 */
import { createHttpRuntime } from "../../mcp/clients/runtime/http_runtime.ts";
import { runtimeEventSource } from "../../mcp/clients/runtime/store/events_source.ts";
import { createStateStore } from "../../mcp/clients/runtime/store/state_store.ts";
import { createStatsSampler } from "../../mcp/clients/runtime/store/stats_sampler.ts";
import { libpodStatsSource } from "../../mcp/clients/runtime/store/stats_source.ts";
import { storeBackedRuntime } from "../../mcp/clients/runtime/store/store_backed_runtime.ts";
import { unixStreamFetch } from "../../mcp/clients/unix/http1_stream.ts";
import { IMAGE, openPodmanBench, podman } from "./_podman_bench.ts";
import { collectContainerExtras } from "../../mcp/dashboard/container_extras.ts";

const RUNNING = 50;
const EXITED = 10;
const LIST_SAMPLES = 200;
const EXTRAS_SAMPLES = 15;
const CHANGES = 40;
const tag = crypto.randomUUID().slice(0, 6);
const running = Array.from({ length: RUNNING }, (_, i) => `store-test-bench-${tag}-up${i}`);
const exited = Array.from({ length: EXITED }, (_, i) => `store-test-bench-${tag}-off${i}`);
const { socket, raw } = await openPodmanBench("store-test-bench-", () => [...running, ...exited]);

for (let i = 0; i < running.length; i += 10) {
  await Promise.all(
    running.slice(i, i + 10).map((n) => podman("run", "-d", "--name", n, IMAGE, "sleep", "3600")),
  );
}
await Promise.all(exited.map((n) => podman("run", "-d", "--name", n, IMAGE, "true")));

/** Every request the store and its runtime client make, counted. */
let podmanCalls = 0;
const counted = (f: typeof raw): typeof raw => (input, init) => (podmanCalls++, f(input, init));
const runtime = createHttpRuntime({ kind: "podman", fetch: counted(raw), socket });
const streamFetch = unixStreamFetch(socket);
const store = createStateStore({
  runtime,
  events: runtimeEventSource({ fetch: (i, o) => (podmanCalls++, streamFetch(i, o)), socket, kind: "podman" }),
  clock: { now: () => Date.now() },
});
const sampler = createStatsSampler({
  source: libpodStatsSource({ fetch: counted(raw), socket }),
  clock: { now: () => Date.now() },
});

let t = performance.now();
store.start();
if (!(await store.waitFor(() => store.status().state === "live", 60_000))) {
  throw new Error(`The store did not go live: ${JSON.stringify(store.status())}`);
}
const liveMs = performance.now() - t;
if (!(await store.waitFor((v) => v.list().every((c) => v.get(c.id)?.details !== null), 60_000))) {
  throw new Error("The store did not inspect every container");
}
const detailsMs = performance.now() - t;
const first = await store.list();
if (!first.ok || first.value.length < RUNNING + EXITED) {
  throw new Error(`The store did not list the containers: ${JSON.stringify(first).slice(0, 300)}`);
}
const callsAfterSync = podmanCalls;

async function rawList(): Promise<number> {
  const res = await raw("http://d/v4.0.0/libpod/containers/json?all=true");
  const list = await res.json();
  if (res.status !== 200 || list.length < RUNNING + EXITED) {
    throw new Error(`Unexpected libpod answer ${res.status}`);
  }
  return list.length;
}
async function storeList(): Promise<number> {
  const r = await store.list();
  if (!r.ok || r.value.length < RUNNING + EXITED) throw new Error("Unexpected store answer");
  return r.value.length;
}

// 2. Interleaved list latency.
for (let i = 0; i < 30; i++) (await rawList(), await storeList());
const rawMs: number[] = [];
const storeMs: number[] = [];
for (let i = 0; i < LIST_SAMPLES; i++) {
  t = performance.now();
  await rawList();
  rawMs.push(performance.now() - t);
  t = performance.now();
  await storeList();
  storeMs.push(performance.now() - t);
}
const callsAfterLists = podmanCalls;

// 3. The dashboard's per-container facts, direct vs through the store.
const mine = first.value.filter((c) => c.name.startsWith(`store-test-bench-${tag}-`));
const backed = storeBackedRuntime(runtime, store, sampler);
const directExtrasMs: number[] = [];
const storeExtrasMs: number[] = [];
let directCalls = 0;
let storeCalls = 0;
for (let i = 0; i < EXTRAS_SAMPLES; i++) {
  let before = podmanCalls;
  t = performance.now();
  await collectContainerExtras(runtime, mine);
  directExtrasMs.push(performance.now() - t);
  directCalls += podmanCalls - before;
  before = podmanCalls;
  t = performance.now();
  await collectContainerExtras(backed, mine);
  storeExtrasMs.push(performance.now() - t);
  storeCalls += podmanCalls - before;
}

// 4. Staleness: change a container through the API, then wait until the store shows it.
const staleMs: number[] = [];
const callsBeforeChanges = podmanCalls;
for (let i = 0; i < CHANGES; i++) {
  const name = running[i % 10]!;
  const stop = Math.floor(i / 10) % 2 === 0;
  const res = await raw(`http://d/v4.0.0/libpod/containers/${name}/${stop ? "stop?timeout=0" : "start"}`, {
    method: "POST",
  });
  await res.body?.cancel();
  if (res.status >= 400) throw new Error(`${stop ? "stop" : "start"} ${name}: HTTP ${res.status}`);
  t = performance.now();
  const want = stop ? "exited" : "running";
  if (!(await store.waitFor((v) => v.get(name)?.summary.state === want, 10_000))) {
    throw new Error(`The store did not see ${name} ${want} within 10 s`);
  }
  staleMs.push(performance.now() - t);
}
const changeCalls = podmanCalls - callsBeforeChanges - CHANGES;
const status = store.status();
await store.stop();
sampler.stop();

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const f = (n: number) => n.toFixed(2);
console.error([
  `state store benchmark (${RUNNING} running + ${EXITED} exited busybox containers, Podman 4.3.1)`,
  `  first sync: live after ${f(liveMs)} ms (stream open + 1 list), every container inspected after ` +
  `${f(detailsMs)} ms (${callsAfterSync} calls, ${first.value.length} containers on the testbed)`,
  `  raw libpod list:  p50 ${f(pct(rawMs, 0.5))} ms  p95 ${
    f(pct(rawMs, 0.95))
  } ms  (${LIST_SAMPLES} samples)`,
  `  store.list():     p50 ${f(pct(storeMs, 0.5))} ms  p95 ${f(pct(storeMs, 0.95))} ms  ` +
  `(Podman calls meanwhile: ${
    callsAfterLists - callsAfterSync
  }, all event-driven re-reads of containers others ` +
  `changed on the shared testbed; reads make none)`,
  `  dashboard extras direct: p50 ${f(pct(directExtrasMs, 0.5))} ms  p95 ${
    f(pct(directExtrasMs, 0.95))
  } ms  ` +
  `(${f(directCalls / EXTRAS_SAMPLES)} calls per poll)`,
  `  dashboard extras store:  p50 ${f(pct(storeExtrasMs, 0.5))} ms  p95 ${f(pct(storeExtrasMs, 0.95))} ms  ` +
  `(${f(storeCalls / EXTRAS_SAMPLES)} calls per poll)`,
  `  staleness after a stop/start via the API: p50 ${f(pct(staleMs, 0.5))} ms  p99 ${
    f(pct(staleMs, 0.99))
  } ms  ` +
  `max ${f(Math.max(...staleMs))} ms (${CHANGES} changes, ${changeCalls} store calls)`,
  `  store status: ${JSON.stringify(status)}`,
].join("\n"));

Deno.bench(
  { name: "raw libpod GET /containers/json (60 containers)", group: "list", baseline: true },
  async () => {
    await rawList();
  },
);
const benchStore = createStateStore({
  runtime,
  events: runtimeEventSource({ fetch: streamFetch, socket, kind: "podman" }),
  clock: { now: () => Date.now() },
});
benchStore.start();
await benchStore.list();
Deno.bench({ name: "store.list() (60 containers)", group: "list" }, async () => {
  await benchStore.list();
});
globalThis.addEventListener("unload", () => void benchStore.stop());
