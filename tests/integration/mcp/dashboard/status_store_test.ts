/**
 * With the state store live, `/api/status` and the overview page are read from memory: counted at a proxy in
 * front of the real Podman API socket, polling them makes no per-container call (no inspect, no stats of one
 * container), where the direct path makes one inspect per container and one stats call per running one.
 */
import assert from "node:assert/strict";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { countingSocketProxy } from "../../_support/counting_socket_proxy.ts";
import { serveArrMcp } from "../../_support/harness.ts";

const MINE = 4;

Deno.test("/api/status and the overview make no per-container Podman call while the store is live", async () => {
  const tb = testbed();
  const dir = await Deno.makeTempDir({ prefix: "arr-status-store-" });
  const proxy = countingSocketProxy(tb.podmanSocket, `${dir}/podman.sock`);
  const names = Array.from({ length: MINE }, (_, i) => uniqueName(`status-store-${i}`));
  const served = await serveArrMcp({ env: { ARR_RUNTIME_SOCKET: proxy.socket } });
  try {
    const ids: string[] = [];
    for (const name of names) ids.push(await podman("run", "-d", "--name", name, tb.image, "sleep", "300"));
    const store = served.deps.containerStore;
    assert.ok(store, "bootstrap creates a store for a runtime socket");
    store.start();
    const inspected = await store.waitFor(
      (v) => names.every((n) => v.get(n)?.details != null),
      30_000,
    );
    assert.equal(inspected, true, "the store read every test container");
    const get = (path: string) =>
      fetch(`${served.origin}${path}`, { headers: { authorization: `Bearer ${served.key}` } });
    const first = await get("/api/status");
    assert.equal(first.status, 200);
    const status = await first.json();
    assert.equal(status.store?.state, "live");
    // The figures are one shared sample, and the document says when it was taken and how often.
    assert.equal(status.stats_sample?.interval_s, 60);
    const sampledAgo = Date.now() - Date.parse(status.stats_sample?.sampled_at ?? "");
    assert.ok(sampledAgo >= 0 && sampledAgo < 60_000, `sampled ${sampledAgo} ms ago`);
    for (const name of names) {
      const row = status.containers.find((c: { name: string }) => c.name === name);
      assert.equal(row?.state, "running", `${name} is listed as running`);
      assert.ok(typeof row?.memory_bytes === "number", `${name} has memory figures from the shared sample`);
    }

    const signIn = await fetch(`${served.origin}/?key=${encodeURIComponent(served.key)}`, {
      redirect: "manual",
    });
    assert.equal(signIn.status, 303);
    await signIn.body?.cancel();
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const before = proxy.requests.length;
    for (let i = 0; i < 3; i++) {
      const res = await get("/api/status");
      assert.equal(res.status, 200);
      await res.body?.cancel();
    }
    const page = await fetch(`${served.origin}/`, { headers: { cookie } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, new RegExp(names[0]!));
    assert.match(html, /CPU and memory sampled <time datetime="[^"]+"[^>]*data-field="stats_sampled_at"/);
    assert.match(html, /every 60 s while a page shows them/);
    const during = proxy.requests.slice(before);
    const perContainer = during.filter((r) => ids.some((id) => r.includes(`/containers/${id}`)));
    assert.deepEqual(perContainer, [], "no inspect or stats call for a container the store already holds");
    const fullLists = during.filter((r) => /\/containers\/json\?all=true$/.test(r));
    assert.ok(fullLists.length <= 1, `at most the store's own periodic re-list: ${fullLists.join(", ")}`);
    const stats = during.filter((r) => r.includes("/stats"));
    assert.ok(stats.length <= 1, `at most one shared stats sample for four polls: ${stats.join(", ")}`);
  } finally {
    await served.close();
    await proxy.close();
    await removeContainers(...names);
    await Deno.remove(dir, { recursive: true });
  }
});
