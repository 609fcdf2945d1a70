import assert from "node:assert/strict";
import { AlertStore } from "../../../../mcp/alerts/alert_store.ts";
import { type AlertEngine, createAlertEngine } from "../../../../mcp/alerts/engine.ts";
import type { AlertFacts } from "../../../../mcp/alerts/facts.ts";
import { parseChannels } from "../../../../mcp/alerts/notify/channels.ts";
import { createDispatcher } from "../../../../mcp/alerts/notify/dispatcher.ts";
import type { SendOptions } from "../../../../mcp/alerts/notify/send.ts";
import type { QuietHours } from "../../../../mcp/alerts/quiet_hours.ts";
import { ALERT_RULES } from "../../../../mcp/alerts/rules/mod.ts";
import { testClock } from "../_support/test_deps.ts";
import { download, facts } from "./_facts.ts";

const TOPIC = "engine-test-topic-0123456789";

interface World {
  engine: AlertEngine;
  store: AlertStore;
  clock: ReturnType<typeof testClock>;
  /** Bodies received by the fake ntfy server. */
  sent: Array<{ title: string; message: string }>;
  /** Replaced by the test before each check. */
  next: { facts: (now: number) => AlertFacts };
  collects: { n: number };
}

function world(
  path = ":memory:",
  options: { quiet?: QuietHours; clock?: ReturnType<typeof testClock> } = {},
): World {
  const clock = options.clock ?? testClock(Date.UTC(2026, 10, 22, 12, 0));
  const store = new AlertStore(path);
  const channels = parseChannels(`ntfy://127.0.0.1:9/${TOPIC}`);
  if (!channels.ok) throw new Error(channels.error);
  const sent: World["sent"] = [];
  const send: SendOptions = {
    fetch: (_url, init) => {
      sent.push(JSON.parse(String(init?.body)));
      return Promise.resolve(new Response("{}"));
    },
    sleep: () => Promise.resolve(),
  };
  const next = { facts: (now: number) => facts({}, now) };
  const collects = { n: 0 };
  const engine = createAlertEngine({
    store,
    rules: ALERT_RULES,
    clock,
    channels: channels.value,
    dispatcher: createDispatcher({ store, channels: channels.value, clock, send }),
    send,
    quietHours: options.quiet ?? null,
    offsetMinutes: () => 0,
    collect: () => {
      collects.n++;
      return Promise.resolve(next.facts(clock.now()));
    },
  });
  return { engine, store, clock, sent, next, collects };
}

const down = (now: number) =>
  facts({ services: [{ service: "sonarr", healthy: false, error: "refused" }] }, now);
const up = (now: number) => facts({ services: [{ service: "sonarr", healthy: true, error: null }] }, now);
const both = (sonarr: boolean, radarr: boolean) => (now: number) =>
  facts({
    services: [
      { service: "sonarr", healthy: sonarr, error: sonarr ? null : "refused" },
      { service: "radarr", healthy: radarr, error: radarr ? null : "refused" },
    ],
  }, now);

async function check(w: World, f: (now: number) => AlertFacts, minutes = 5) {
  w.clock.advance(minutes * 60_000);
  w.next.facts = f;
  const report = await w.engine.checkNow();
  await w.engine.delivered();
  return report;
}

Deno.test("an alert opens after the rule's threshold, notifies once, and resolves with one notice", async () => {
  const w = world();
  for (let i = 0; i < 5; i++) await check(w, down);
  assert.equal(w.engine.recent("open", 10).length, 1);
  assert.equal(w.sent.length, 1);
  assert.match(w.sent[0]!.title, /Critical: service_down sonarr/);
  await check(w, up);
  await check(w, up);
  assert.equal(w.engine.recent("open", 10).length, 0);
  assert.equal(w.engine.recent("resolved", 10)[0]?.rule, "service_down");
  assert.deepEqual(w.sent.map((s) => s.title), [
    "Critical: service_down sonarr",
    "Resolved: service_down sonarr",
  ]);
});

Deno.test("cooldowns are per subject: a flapping subject re-opens quietly, another subject still notifies", async () => {
  const w = world();
  assert.equal(w.engine.setRule("service_down", { threshold: 1, cooldown_seconds: 3600 }).ok, true);
  await check(w, both(false, true)); // sonarr opens, notified
  await check(w, both(true, true)); // resolved, notified
  await check(w, both(false, false)); // sonarr again within the hour: quiet; radarr: new subject, notified
  assert.deepEqual(w.sent.map((s) => s.title), [
    "Critical: service_down sonarr",
    "Resolved: service_down sonarr",
    "Critical: service_down radarr",
  ]);
  assert.equal(w.engine.recent("open", 10).length, 2);
  await check(w, both(true, true)); // both resolve; only radarr's opening was announced
  assert.equal(w.sent.at(-1)!.title, "Resolved: service_down radarr");
  assert.equal(w.sent.length, 4);
  await check(w, both(false, true), 61); // past the cooldown: notified again
  assert.equal(w.sent.at(-1)!.title, "Critical: service_down sonarr");
});

Deno.test("restart on the same database: strikes carry over and nothing notified is sent again", async () => {
  const dir = await Deno.makeTempDir({ prefix: "arr-alerts-engine-" });
  try {
    const clock = testClock(Date.UTC(2026, 10, 22, 12, 0));
    const stalled = (now: number) => facts({ downloads: [download("abc", 10)] }, now);
    const first = world(`${dir}/alerts.db`, { clock });
    await check(first, stalled);
    await check(first, stalled);
    await check(first, stalled); // 2 strikes
    assert.equal(first.engine.progressOf("ABC")?.strikes, 2);
    first.store.close();
    const second = world(`${dir}/alerts.db`, { clock });
    const report = await check(second, stalled); // 3rd strike after the restart
    assert.deepEqual(report.findings.map((f) => f.rule), ["stuck_download"]);
    await check(second, stalled);
    second.store.close();
    const third = world(`${dir}/alerts.db`, { clock });
    await check(third, stalled);
    assert.equal(second.sent.length + third.sent.length, 1);
    assert.equal(third.engine.recent("open", 10).length, 1);
    third.store.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("quiet hours hold warnings until they end; critical goes at once", async () => {
  const clock = testClock(Date.UTC(2026, 10, 22, 22, 0));
  const w = world(":memory:", { quiet: { start: 22 * 60, end: 7 * 60 }, clock });
  w.engine.setRule("stuck_download", { threshold: 1 });
  const stalled = (now: number) =>
    facts({
      downloads: [download("abc", 10)],
      services: [{ service: "sonarr", healthy: false, error: "x" }],
    }, now);
  for (let i = 0; i < 3; i++) await check(w, stalled);
  assert.deepEqual(w.sent.map((s) => s.title), ["Critical: service_down sonarr"]);
  await check(w, stalled, 9 * 60); // 07:15: the window is over
  assert.deepEqual(w.sent.map((s) => s.title), [
    "Critical: service_down sonarr",
    "Warning: stuck_download abc",
  ]);
});

Deno.test("checks never overlap: a second caller joins the running check", async () => {
  const w = world();
  const [a, b] = await Promise.all([w.engine.checkNow(), w.engine.checkNow()]);
  assert.equal(w.collects.n, 1);
  assert.equal(a, b);
  await w.engine.checkNow();
  assert.equal(w.collects.n, 2);
});

Deno.test("rule settings persist; a disabled rule's alerts resolve quietly and it stops finding", async () => {
  const w = world();
  assert.equal(w.engine.setRule("nope", {}).ok, false);
  assert.equal(w.engine.setRule("arr_health", { threshold: 3 }).ok, false);
  assert.equal(w.engine.setRule("stuck_download", { threshold: 0 }).ok, false);
  w.engine.setRule("service_down", { threshold: 1 });
  await check(w, down);
  assert.equal(w.engine.recent("open", 10).length, 1);
  const off = w.engine.setRule("service_down", { enabled: false });
  assert.equal(off.ok ? off.value.enabled : null, false);
  assert.equal(w.engine.recent("open", 10).length, 0);
  const report = await check(w, down);
  assert.equal(report.findings.length, 0);
  assert.equal(w.engine.rules().find((r) => r.name === "service_down")?.threshold, 1);
  assert.equal(w.sent.length, 1);
});
