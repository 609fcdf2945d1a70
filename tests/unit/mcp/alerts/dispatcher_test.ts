import assert from "node:assert/strict";
import { AlertStore } from "../../../../mcp/alerts/alert_store.ts";
import { parseChannels } from "../../../../mcp/alerts/notify/channels.ts";
import { createDispatcher } from "../../../../mcp/alerts/notify/dispatcher.ts";
import { testNotice } from "../../../../mcp/alerts/notify/notice.ts";
import { testClock } from "../_support/test_deps.ts";

function setup(urls: string) {
  const channels = parseChannels(urls);
  if (!channels.ok) throw new Error(channels.error);
  return { store: new AlertStore(":memory:"), channels: channels.value, clock: testClock() };
}

Deno.test("the dispatcher keeps to its per-channel rate; the rest waits for a later run", async () => {
  const { store, channels, clock } = setup("ntfy://127.0.0.1:9/topic-a");
  const sent: string[] = [];
  const dispatcher = createDispatcher({
    store,
    channels,
    clock,
    perMinute: 2,
    send: {
      fetch: (_u, init) => (sent.push(String(init?.body)), Promise.resolve(new Response("{}"))),
      sleep: () => Promise.resolve(),
    },
  });
  for (let i = 0; i < 5; i++) store.addNotice(testNotice(`t${i}`), [channels[0]!.key], clock.now(), null);
  await dispatcher.flush();
  assert.equal(sent.length, 2);
  await dispatcher.flush();
  assert.equal(sent.length, 2, "still within the minute");
  clock.advance(61_000);
  await dispatcher.flush();
  assert.equal(sent.length, 4);
  clock.advance(61_000);
  await dispatcher.flush();
  assert.equal(sent.length, 5);
  assert.deepEqual(store.deliveryCounts().sent, 5);
});

Deno.test("a channel that hangs holds up neither the other channel nor the next flush's caller", async () => {
  const { store, channels, clock } = setup("ntfy://127.0.0.1:9/topic-a,gotify://127.0.0.1:9/tokentoken");
  let release = () => {};
  const hung = new Promise<Response>((resolve) => (release = () => resolve(new Response("{}"))));
  const sent: string[] = [];
  const dispatcher = createDispatcher({
    store,
    channels,
    clock,
    send: {
      fetch: (url) => {
        if (String(url).endsWith("/message")) return hung;
        sent.push(String(url));
        return Promise.resolve(new Response("{}"));
      },
      sleep: () => Promise.resolve(),
      timeoutMs: 60_000,
    },
  });
  store.addNotice(testNotice("t"), channels.map((c) => c.key), clock.now(), null);
  const first = dispatcher.flush();
  for (let i = 0; i < 200 && store.deliveryCounts().sent === 0; i++) {
    await new Promise((r) => setTimeout(r, 0));
  }
  assert.equal(sent.length, 1, "ntfy got it while gotify hangs");
  assert.deepEqual([store.deliveryCounts().sent, store.deliveryCounts().sending], [1, 1]);
  release();
  await first;
  assert.deepEqual(store.deliveryCounts().sent, 2);
});

Deno.test("history is pruned after 30 days; a delivery left 'sending' by a crash is abandoned, not resent", async () => {
  const dir = await Deno.makeTempDir({ prefix: "arr-alerts-store-" });
  try {
    const path = `${dir}/alerts.db`;
    const store = new AlertStore(path);
    const id = store.insertAlert({ rule: "r", subject: "s", severity: "info", message: "m" }, 0, true);
    store.resolveAlert(id, 1000);
    const notice = store.addNotice(testNotice("t"), ["k"], 1000, null);
    store.markDelivery(notice, "k", "sending", 0, null, 1000);
    store.close();
    const again = new AlertStore(path);
    assert.deepEqual(again.deliveryCounts().abandoned, 1);
    assert.deepEqual(again.due("k", 2000, 10), []);
    again.prune(1000 + 29 * 86400_000);
    assert.equal(again.list("all", 10).length, 1);
    again.prune(1000 + 31 * 86400_000);
    assert.equal(again.list("all", 10).length, 0);
    assert.deepEqual(again.deliveryCounts().abandoned, 0);
    again.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
