/**
 * The state store against the real Podman 4.3.1 API: changes made with the podman CLI behind its back show up
 * in list() (waitFor polls, bounded), a restarted API service is reconnected and re-listed, and the stats
 * sampler reads every running container in one call.
 */
import assert from "node:assert/strict";
import { createHttpRuntime } from "../../../../../mcp/clients/runtime/http_runtime.ts";
import { runtimeEventSource } from "../../../../../mcp/clients/runtime/store/events_source.ts";
import {
  createStateStore,
  type StateStoreOptions,
} from "../../../../../mcp/clients/runtime/store/state_store.ts";
import { createStatsSampler } from "../../../../../mcp/clients/runtime/store/stats_sampler.ts";
import { runtimeStatsSource } from "../../../../../mcp/clients/runtime/store/stats_source.ts";
import type { StoreView } from "../../../../../mcp/clients/runtime/store/store_types.ts";
import { unixStreamFetch } from "../../../../../mcp/clients/unix/http1_stream.ts";
import { unixSocketFetch } from "../../../../../mcp/clients/unix/unix_fetch.ts";
import { podman, removeContainers, testbed } from "../../../../testbed/testbed.ts";

/** How long a change made with the CLI may take to reach the store (events come 0.3–1 s late here). */
const SEEN_WITHIN_MS = 8_000;

const storeName = (what: string) => `store-test-${what}-${crypto.randomUUID().slice(0, 8)}`;

function storeOn(socket: string, options: Partial<StateStoreOptions> = {}) {
  // Podman's /version takes 5-7 s on the testbed: the kind is given, not detected.
  const runtime = createHttpRuntime({ kind: "podman", socket, fetch: unixSocketFetch(socket).fetch });
  const store = createStateStore({
    runtime,
    events: runtimeEventSource({ fetch: unixStreamFetch(socket), socket }),
    clock: { now: () => Date.now() },
    ...options,
  });
  return { runtime, store };
}

async function seen(
  store: { waitFor(p: (v: StoreView) => boolean, ms: number): Promise<boolean> },
  what: string,
  predicate: (v: StoreView) => boolean,
) {
  assert.equal(await store.waitFor(predicate, SEEN_WITHIN_MS), true, `the store did not see: ${what}`);
}

Deno.test("the state store sees start, stop, kill, health, rename and remove made with the podman CLI", async () => {
  const tb = testbed();
  const name = storeName("cli");
  const renamed = `${name}-renamed`;
  const { runtime, store } = storeOn(tb.podmanSocket);
  try {
    store.start();
    assert.equal((await store.list()).ok, true);
    await podman(
      "run",
      "-d",
      "--name",
      name,
      "--health-cmd",
      "test -f /tmp/ok",
      "--health-interval",
      "0",
      "--health-retries",
      "1",
      tb.image,
      "sleep",
      "300",
    );
    await seen(store, "the new container running", (v) => v.get(name)?.summary.state === "running");

    // Same shape as the runtime's own list.
    const direct = await runtime.list({ all: true });
    const stored = await store.list();
    assert.ok(direct.ok && stored.ok);
    const mine = (list: { name: string }[]) => list.filter((c) => c.name === name);
    assert.deepEqual(mine(stored.value), mine(direct.value));

    await podman("stop", "-t", "0", name);
    await seen(store, "stop", (v) => v.get(name)?.summary.state === "exited");
    await podman("start", name);
    await seen(store, "start", (v) => v.get(name)?.summary.state === "running");
    await podman("kill", name);
    await seen(store, "kill", (v) => v.get(name)?.summary.state === "exited");
    await podman("start", name);
    await seen(store, "start again", (v) => v.get(name)?.details?.running === true);

    await podman("healthcheck", "run", name).catch(() => "unhealthy");
    await seen(store, "unhealthy", (v) => v.get(name)?.details?.healthStatus === "unhealthy");
    await podman("exec", name, "touch", "/tmp/ok");
    await podman("healthcheck", "run", name);
    await seen(store, "healthy", (v) => v.get(name)?.details?.healthStatus === "healthy");

    await podman("rename", name, renamed);
    await seen(store, "rename", (v) => v.get(renamed) !== undefined && v.get(name) === undefined);
    await podman("rm", "-f", "-t", "0", renamed);
    await seen(store, "remove", (v) => v.get(renamed) === undefined);

    const status = store.status();
    assert.equal(status.state, "live");
    assert.equal(status.drops, 0);
    assert.ok(status.eventsApplied >= 10, JSON.stringify(status));
  } finally {
    await store.stop();
    await removeContainers(name, renamed);
  }
});

/** `podman system service` on its own socket, so the test may kill and restart it. */
function apiService(socket: string) {
  let child: Deno.ChildProcess | null = null;
  return {
    async start() {
      child = new Deno.Command("podman", {
        args: ["system", "service", "--time=0", `unix://${socket}`],
        stdout: "null",
        stderr: "null",
      }).spawn();
      for (let i = 0; i < 200; i++) {
        try {
          if ((await Deno.stat(socket)).isSocket) return;
        } catch { /* not yet */ }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`podman system service did not create ${socket}`);
    },
    async stop() {
      if (child === null) return;
      const c = child;
      child = null;
      try {
        c.kill("SIGTERM");
      } catch { /* already gone */ }
      await c.status;
      await Deno.remove(socket).catch(() => {});
    },
  };
}

Deno.test("a restarted Podman API service is reconnected and re-listed; a container made while it was down appears", async () => {
  const tb = testbed();
  const dir = await Deno.makeTempDir({ prefix: "store-test-" });
  const socket = `${dir}/podman.sock`;
  const service = apiService(socket);
  const name = storeName("offline");
  const { store } = storeOn(socket, { backoff: { maxMs: 1000 } });
  try {
    await service.start();
    store.start();
    assert.equal((await store.list()).ok, true);
    assert.equal(store.status().resyncs, 1);

    await service.stop();
    assert.equal(
      await store.waitFor(() => store.status().state === "down", SEEN_WITHIN_MS),
      true,
      JSON.stringify(store.status()),
    );
    const whileDown = await store.list();
    assert.equal(whileDown.ok, false, "no old data passed off as current");

    await podman("run", "-d", "--name", name, tb.image, "sleep", "300");
    await service.start();
    await seen(store, "the container created while the API was down", (v) => v.get(name) !== undefined);
    assert.equal(await store.waitFor(() => store.status().state === "live", SEEN_WITHIN_MS), true);
    const status = store.status();
    assert.ok(status.resyncs >= 2, JSON.stringify(status));
    assert.ok(status.drops >= 1, JSON.stringify(status));
    const got = await store.get(name);
    assert.equal(got.ok && got.value.summary.state, "running");
  } finally {
    await store.stop();
    await removeContainers(name);
    await service.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the stats sampler reads every running container in one call and leaves out stopped ones", async () => {
  const tb = testbed();
  const up = storeName("stats-up");
  const off = storeName("stats-off");
  const socket = tb.podmanSocket;
  const runtime = createHttpRuntime({ kind: "podman", socket, fetch: unixSocketFetch(socket).fetch });
  const requests: string[] = [];
  const plain = unixSocketFetch(socket).fetch;
  const sampler = createStatsSampler({
    source: runtimeStatsSource({
      fetch: (input, init) => (requests.push(String(input)), plain(input, init)),
      socket,
      runtime,
      runningIds: () => Promise.resolve({ ok: true, value: [] }),
    }),
    clock: { now: () => Date.now() },
  });
  try {
    const id = await podman("run", "-d", "--name", up, tb.image, "sleep", "300");
    const offId = await podman("create", "--name", off, tb.image, "sleep", "300");
    const sample = await sampler.read();
    assert.ok(sample.ok, JSON.stringify(sample));
    assert.ok((sample.value.byId.get(id)?.memUsageBytes ?? 0) > 0);
    assert.equal(sample.value.byId.get(offId), undefined);
    assert.deepEqual(requests.filter((r) => r.includes("/stats")), [
      "http://runtime/v4.0.0/libpod/containers/stats?stream=false",
    ]);
    assert.equal(
      (await sampler.read()).ok && sampler.samples,
      1,
      "a second read within the interval is shared",
    );
  } finally {
    sampler.stop();
    await removeContainers(up, off);
  }
});
