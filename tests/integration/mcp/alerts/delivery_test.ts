/**
 * The alert engine against stateful loopback fakes (Sonarr with a two-page queue, qBittorrent, SABnzbd) and
 * real loopback receivers for all five notification schemes: downloads that progress, stall, error and recover
 * between checks; a restart on the same database mid-scenario; a receiver that answers 500 and one that is
 * down. Checks exactly what each receiver got, how many times, and that no secret appears.
 */
import assert from "node:assert/strict";
import { parseAlertConfig } from "../../../../mcp/alerts/alert_config.ts";
import { startAlerts, type StartedAlerts } from "../../../../mcp/alerts/start_alerts.ts";
import type { ToolDeps } from "../../../../mcp/toolkit/deps.ts";
import { startFakeArr } from "../../../fakes/arr_fake.ts";
import {
  discordReceiver,
  gotifyReceiver,
  jsonReceiver,
  ntfyReceiver,
  pushoverReceiver,
  type Receiver,
} from "../../../fakes/notify_receivers.ts";
import { startFakeQbittorrent } from "../../../fakes/qbittorrent_fake.ts";
import { startFakeSabnzbd } from "../../../fakes/sabnzbd_fake.ts";
import { memoryMediaServices } from "../../_support/memory_media_services.ts";
import { testConfig, testDeps } from "../../../unit/mcp/_support/test_deps.ts";

const SECRETS = {
  sonarr: "sonarr-key-alerts-0123456789",
  sab: "sab-key-alerts-0123456789",
  qbitPassword: "qbit-password-alerts-0123",
  topic: "ntfy-topic-alerts-0123456789",
  gotify: "GotifyTokenAlerts0123456789",
  discord: "DiscordWebhookTokenAlerts0123",
  poverUser: "PoverUserKeyAlerts0123456789",
  poverApp: "PoverAppTokenAlerts012345678",
  jsonPass: "json-password-alerts-0123",
};
const QUEUE = 230; // more than one page of 200
const LAST = QUEUE - 1;
const GIB = 1024 ** 3;
const MIN = 60_000;

Deno.test("alerts: stuck, failed and recovered downloads reach every channel exactly once, across a restart", async () => {
  const dir = await Deno.makeTempDir({ prefix: "arr-alerts-it-" });
  const sonarr = startFakeArr({
    app: "sonarr",
    apiKey: SECRETS.sonarr,
    queueSize: QUEUE,
    downloadIdOf: (i) =>
      i === 0
        ? { downloadId: "HASHMOVING", protocol: "torrent" }
        : i === LAST
        ? { downloadId: "HASHSTALLED", protocol: "torrent" }
        : { downloadId: `SABnzbd_nzo_${i}`, protocol: "usenet" },
    // Only the first items and the last one download; the rest wait for import (no strikes).
    trackedStateOf: (i) => (i < 3 || i === LAST ? "downloading" : "importPending"),
    health: [{
      source: "IndexerRssCheck",
      type: "warning",
      message: "No indexers available with RSS sync enabled",
      wikiUrl: "https://wiki.servarr.com/sonarr/system#no-indexers-available-with-rss-sync-enabled",
    }],
  });
  sonarr.state.overrides.set(2, {
    trackedDownloadState: "importBlocked",
    trackedDownloadStatus: "warning",
    statusMessages: [{ title: "Show.S01E003", messages: ["No files found are eligible for import"] }],
  });
  const qbit = startFakeQbittorrent({
    version: "5.0.0",
    password: SECRETS.qbitPassword,
    torrents: [
      { hash: "hashmoving", name: "Moving.Torrent", state: "downloading", progress: 0.1, dlspeed: 1000 },
      { hash: "hashstalled", name: "Stalled.Torrent", state: "stalledDL", progress: 0.2 },
      { hash: "hasherror", name: "Broken.Torrent", state: "error", progress: 0.5 },
    ],
  });
  const sab = startFakeSabnzbd({
    apiKey: SECRETS.sab,
    slots: [{
      nzo_id: "SABnzbd_nzo_1",
      filename: "Usenet.Job",
      status: "Downloading",
      mb: 1000,
      mbleft: 900,
    }],
  });
  const receivers = {
    ntfy: ntfyReceiver(),
    gotify: gotifyReceiver(SECRETS.gotify),
    discord: discordReceiver("424242", SECRETS.discord),
    json: jsonReceiver(),
    pover: pushoverReceiver(SECRETS.poverApp, SECRETS.poverUser),
    broken: jsonReceiver(),
  };
  receivers.broken.status = 500;
  const down = jsonReceiver();
  const downUrl = `json://127.0.0.1:${down.port}/gone`;
  await down.close();

  const config = parseAlertConfig({
    ARR_NOTIFY_URLS: [
      `ntfy://127.0.0.1:${receivers.ntfy.port}/${SECRETS.topic}`,
      `gotify://127.0.0.1:${receivers.gotify.port}/${SECRETS.gotify}`,
      `discord://424242/${SECRETS.discord}`,
      `json://alerts:${SECRETS.jsonPass}@127.0.0.1:${receivers.json.port}/hooks/arr`,
      `pover://${SECRETS.poverUser}@${SECRETS.poverApp}`,
      `json://127.0.0.1:${receivers.broken.port}/broken`,
      downUrl,
    ].join(","),
    ARR_NOTIFY_ENDPOINT_OVERRIDES: `discord=${receivers.discord.url},pover=${receivers.pover.url}`,
  });
  if (!config.ok) throw new Error(config.error);

  const logs: string[] = [];
  const deps: ToolDeps & { clock: { advance(ms: number): void } } = testDeps({
    fetch,
    config: testConfig({ dataDir: dir, mediaDir: dir, stacksDir: dir }),
    media: memoryMediaServices({
      SONARR_URL: sonarr.url,
      SONARR_API_KEY: SECRETS.sonarr,
      SABNZBD_URL: sab.url,
      SABNZBD_API_KEY: SECRETS.sab,
      QBITTORRENT_URL: qbit.url,
      QBITTORRENT_USERNAME: "admin",
      QBITTORRENT_PASSWORD: SECRETS.qbitPassword,
    }, { clientOptions: { retries: 0, timeoutMs: 5_000 } }),
  });
  const start = () =>
    startAlerts(deps, config.value, {
      noWatcher: true,
      usageOf: () =>
        Promise.resolve({
          totalBytes: 1000 * GIB,
          usedBytes: 100 * GIB,
          availableBytes: 900 * GIB,
          usedPercent: 10,
        }),
      send: { fetch, sleep: () => Promise.resolve(), backoffMs: 1, timeoutMs: 2_000 },
      log: (line) => logs.push(line),
    });
  let alerts: StartedAlerts = await start();
  const check = async () => {
    deps.clock.advance(5 * MIN);
    // Between checks: the moving torrent and the SABnzbd job make progress; the others do not.
    qbit.state.torrents[0]!.progress += 0.05;
    sab.state.slots[0]!.mbleft -= 50;
    const report = await alerts.engine.checkNow();
    await alerts.engine.delivered();
    return report;
  };
  const titles = (r: Receiver) =>
    r.received.map((m) => {
      const body = m.body.startsWith("{")
        ? JSON.parse(m.body)
        : Object.fromEntries(new URLSearchParams(m.body));
      return body.title ?? body.embeds?.[0]?.title;
    }).sort();

  try {
    sab.state.history.push({
      nzo_id: "SABnzbd_nzo_failed",
      name: "Failed.Job",
      status: "Failed",
      fail_message: "Unpacking failed, archive requires a password",
      completed: Math.floor((deps.clock.now() - 30 * MIN) / 1000),
    });
    await check();
    await check();
    await check();
    const fourth = await check(); // third strike for the stalled and the broken torrent
    const found = fourth.findings.map((f) => `${f.rule} ${f.subject}`).sort();
    assert.deepEqual(found, [
      "arr_health sonarr:IndexerRssCheck",
      "download_failed sabnzbd_nzo_2",
      "download_failed sabnzbd_nzo_failed",
      "stuck_download hasherror",
      "stuck_download hashstalled",
    ]);
    const stalled = fourth.findings.find((f) => f.subject === "hashstalled")!;
    assert.match(stalled.message, /"Stalled\.Torrent" in qBittorrent \(state stalledDL, for sonarr\)/);
    assert.match(stalled.message, /qBittorrent has 698 GiB free/);
    const expectedTitles = [
      "Critical: stuck_download hasherror",
      "Info: arr_health sonarr:IndexerRssCheck".replace("Info", "Warning"),
      "Warning: download_failed sabnzbd_nzo_2",
      "Warning: download_failed sabnzbd_nzo_failed",
      "Warning: stuck_download hashstalled",
    ].sort();
    for (const name of ["ntfy", "gotify", "discord", "json", "pover"] as const) {
      assert.deepEqual(titles(receivers[name]), expectedTitles, name);
    }

    // The stalled torrent moves again: its alert resolves, and one "resolved" notice goes to each channel.
    qbit.state.torrents[1]!.progress = 0.3;
    qbit.state.torrents[1]!.state = "downloading";
    const fifth = await check();
    assert.equal(fifth.resolved, 1);
    for (const name of ["ntfy", "gotify", "discord", "json", "pover"] as const) {
      assert.equal(receivers[name].received.length, 6, name);
      assert.ok(titles(receivers[name]).includes("Resolved: stuck_download hashstalled"), name);
    }

    // Restart: a new engine on the same alerts.db. Nothing is sent again; strikes and open alerts carry over.
    await alerts.stop();
    alerts = await start();
    assert.equal(alerts.engine.progressOf("hasherror")!.strikes, 4);
    await check();
    await check();
    for (const name of ["ntfy", "gotify", "discord", "json", "pover"] as const) {
      assert.equal(receivers[name].received.length, 6, `${name} after the restart`);
    }
    assert.deepEqual(
      alerts.engine.recent("open", 50).map((a) => a.subject).sort(),
      ["hasherror", "sabnzbd_nzo_2", "sabnzbd_nzo_failed", "sonarr:IndexerRssCheck"],
    );

    // The broken receiver was tried 3 times per notice (retries), then given up on; the others were not held up.
    assert.equal(receivers.broken.received.length, 6 * 3);
    assert.ok(logs.some((l) => l.includes("json://127.0.0.1:") && l.includes("HTTP 500; gave up")));
    assert.ok(logs.some((l) => l.includes("network error")));

    // notify_test names each channel by scheme and host only.
    const outcomes = await alerts.engine.notifyTest();
    assert.deepEqual(outcomes.map((o) => o.ok), [true, true, true, true, true, false, false]);
    assert.equal(outcomes[2]!.channel, `discord://127.0.0.1:${receivers.discord.port}`);

    // No secret anywhere: in the logs, the alerts, the outcomes, or what was delivered (ntfy's body carries
    // its own topic and Pushover's its own user key and app token: that is how those APIs are addressed).
    const shown = JSON.stringify([logs, alerts.engine.recent("all", 100), outcomes]);
    const own: Record<string, string[]> = { ntfy: ["topic"], pover: ["poverUser", "poverApp"] };
    for (const [name, secret] of Object.entries(SECRETS)) {
      assert.equal(shown.includes(secret), false, name);
      for (const [receiver, r] of Object.entries(receivers)) {
        if (own[receiver]?.includes(name)) continue;
        assert.equal(r.received.some((m) => m.body.includes(secret)), false, `${receiver}: ${name}`);
      }
    }
    // A page-2 queue item was read: the stalled torrent's *arr item is number 230.
    assert.ok(sonarr.state.requests.some((r) => r.includes("page=2")));
  } finally {
    await alerts.stop();
    for (const r of Object.values(receivers)) await r.close();
    for (const s of [sonarr, qbit, sab]) await s.close();
    await Deno.remove(dir, { recursive: true });
  }
});
