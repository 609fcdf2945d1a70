/**
 * One alert check over 5 services (Sonarr 300 + Radarr 200 queue items, SABnzbd 300 jobs, qBittorrent 200
 * torrents, Plex) on loopback fakes, with every rule on and the state in a real SQLite file.
 *   deno bench --allow-all tests/bench/alerts_bench.ts          one check per iteration (deno bench)
 *   deno run --allow-all tests/bench/alerts_bench.ts --report   200 checks: median and p95, then RSS every 5 s
 *                                                               while checking back to back for 30 s
 *                                                               (`--seconds=300` for longer)
 *   (add --v8-flags=--expose-gc to also print the live heap after a full GC)
 */
import { startAlerts } from "../../mcp/alerts/start_alerts.ts";
import { startFakePlex } from "../fakes/plex_fake.ts";
import { mediaQueueStack } from "./services_fixture.ts";
import { memoryMediaServices } from "../integration/_support/memory_media_services.ts";
import { testConfig, testDeps } from "../unit/mcp/_support/test_deps.ts";

async function alertsStack() {
  const dir = await Deno.makeTempDir({ prefix: "arr-alerts-bench-" });
  // 500 queue items: the first 100 of each app are torrents (200 in qBittorrent), the rest SABnzbd jobs.
  const queue = mediaQueueStack({ isTorrent: (i) => i < 100 });
  const plex = startFakePlex({ token: "plex-bench-token", total: 10 });
  const media = memoryMediaServices(
    { ...queue.env, PLEX_URL: plex.url, PLEX_TOKEN: "plex-bench-token" },
    { clientOptions: { retries: 0, timeoutMs: 10_000 } },
  );
  const deps = testDeps({
    media,
    fetch,
    clock: { now: () => Date.now() },
    config: testConfig({ dataDir: dir, mediaDir: dir, stacksDir: dir }),
  });
  const alerts = await startAlerts(deps, { intervalSeconds: 300, channels: [], quietHours: null }, {
    noWatcher: true,
  });
  const warm = await alerts.engine.checkNow();
  if (warm.problems.some((p) => !p.startsWith("Cannot list containers"))) {
    throw new Error(`Bench setup broken: ${JSON.stringify(warm.problems)}`);
  }
  return {
    alerts,
    clearRequestLogs: queue.clearRequestLogs,
    async close() {
      await alerts.stop();
      await queue.close();
      await plex.close();
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
    const seconds = Number(Deno.args.find((a) => a.startsWith("--seconds="))?.slice(10) ?? 30);
    const end = Date.now() + seconds * 1000;
    let next = Date.now();
    let checks = 0;
    while (Date.now() < end) {
      await stack.alerts.engine.checkNow();
      stack.clearRequestLogs();
      checks++;
      if (Date.now() >= next) {
        // With --v8-flags=--expose-gc, also the live heap after a full GC (a leak shows there first).
        const gc = (globalThis as { gc?: () => void }).gc;
        gc?.();
        const heap = gc
          ? `, heap after GC ${(Deno.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} MiB`
          : "";
        console.log(
          `  RSS ${(Deno.memoryUsage().rss / 1024 / 1024).toFixed(1)} MiB${heap} after ${checks} checks`,
        );
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
