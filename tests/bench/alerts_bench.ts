/**
 * One alert check over 5 services (Sonarr 300 + Radarr 200 queue items, SABnzbd 300 jobs, qBittorrent 200
 * torrents, Plex) on loopback fakes, with every rule on and the state in a real SQLite file.
 *   deno bench --allow-all tests/bench/alerts_bench.ts          one check per iteration (deno bench)
 *   deno run --allow-all tests/bench/alerts_bench.ts --report   200 checks: median and p95, then RSS every 5 s
 *                                                               while checking back to back for 30 s
 */
import { startAlerts } from "../../mcp/alerts/start_alerts.ts";
import { startFakeArr } from "../fakes/arr_fake.ts";
import { startFakePlex } from "../fakes/plex_fake.ts";
import { startFakeQbittorrent } from "../fakes/qbittorrent_fake.ts";
import { startFakeSabnzbd } from "../fakes/sabnzbd_fake.ts";
import { memoryMediaServices } from "../integration/_support/memory_media_services.ts";
import { testConfig, testDeps } from "../unit/mcp/_support/test_deps.ts";

async function alertsStack() {
  const dir = await Deno.makeTempDir({ prefix: "arr-alerts-bench-" });
  const idOf = (prefix: string) => (i: number) =>
    i < 100
      ? { downloadId: `${prefix}${i}`.padEnd(40, "0"), protocol: "torrent" as const }
      : { downloadId: `SABnzbd_nzo_${prefix}${i}`, protocol: "usenet" as const };
  const sonarr = startFakeArr({
    app: "sonarr",
    apiKey: "sonarr-bench-key",
    queueSize: 300,
    downloadIdOf: idOf("s"),
  });
  const radarr = startFakeArr({
    app: "radarr",
    apiKey: "radarr-bench-key",
    queueSize: 200,
    downloadIdOf: idOf("r"),
  });
  const torrents = [];
  const slots = [];
  for (const [prefix, n] of [["s", 300], ["r", 200]] as const) {
    for (let i = 0; i < n; i++) {
      if (i < 100) {
        torrents.push({
          hash: `${prefix}${i}`.padEnd(40, "0"),
          name: `t ${i}`,
          state: i % 7 === 0 ? "stalledDL" : "downloading",
          progress: 0.5,
        });
      } else {
        slots.push({
          nzo_id: `SABnzbd_nzo_${prefix}${i}`,
          filename: `job ${i}`,
          status: "Downloading",
          mb: 1000,
          mbleft: 400,
        });
      }
    }
  }
  const sab = startFakeSabnzbd({ apiKey: "sab-bench-key", slots });
  const qbit = startFakeQbittorrent({
    version: "5.2.3",
    username: "admin",
    password: "adminadmin",
    torrents,
  });
  const plex = startFakePlex({ token: "plex-bench-token", total: 10 });
  const media = memoryMediaServices({
    SONARR_URL: sonarr.url,
    SONARR_API_KEY: "sonarr-bench-key",
    RADARR_URL: radarr.url,
    RADARR_API_KEY: "radarr-bench-key",
    SABNZBD_URL: sab.url,
    SABNZBD_API_KEY: "sab-bench-key",
    QBITTORRENT_URL: qbit.url,
    QBITTORRENT_USERNAME: "admin",
    QBITTORRENT_PASSWORD: "adminadmin",
    PLEX_URL: plex.url,
    PLEX_TOKEN: "plex-bench-token",
  }, { clientOptions: { retries: 0, timeoutMs: 10_000 } });
  const deps = testDeps({
    media,
    fetch,
    clock: { now: () => Date.now() },
    config: testConfig({ dataDir: dir, mediaDir: dir, stacksDir: dir }),
  });
  const alerts = startAlerts(deps, { intervalSeconds: 300, channels: [], quietHours: null }, {
    noWatcher: true,
  });
  const warm = await alerts.engine.checkNow();
  if (warm.problems.some((p) => !p.startsWith("Cannot list containers"))) {
    throw new Error(`Bench setup broken: ${JSON.stringify(warm.problems)}`);
  }
  return {
    alerts,
    async close() {
      await alerts.stop();
      for (const s of [sonarr, radarr, sab, qbit, plex]) await s.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

if (Deno.args.includes("--report")) {
  const stack = await alertsStack();
  try {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await stack.alerts.engine.checkNow();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `alert check (5 services, 500 queue items, 200 torrents, 300 SABnzbd jobs): ` +
        `median ${percentile(times, 50).toFixed(1)} ms, p95 ${
          percentile(times, 95).toFixed(1)
        } ms (200 runs)`,
    );
    const end = Date.now() + 30_000;
    let next = Date.now();
    let checks = 0;
    while (Date.now() < end) {
      await stack.alerts.engine.checkNow();
      checks++;
      if (Date.now() >= next) {
        console.log(`  RSS ${(Deno.memoryUsage().rss / 1024 / 1024).toFixed(1)} MiB after ${checks} checks`);
        next += 5_000;
      }
    }
  } finally {
    await stack.close();
  }
} else {
  const stack = await alertsStack();
  Deno.bench("alerts: one check, 5 services, 500 queue items, 200 torrents", async () => {
    await stack.alerts.engine.checkNow();
  });
  globalThis.addEventListener("unload", () => void stack.close());
}
