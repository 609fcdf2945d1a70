/**
 * Services benchmark report (median/p95 and memory), run with
 *   deno run --allow-all tests/bench/services_report.ts
 * 1. media_queue over 500 queue items and 2 download clients on loopback fakes: 200 runs, median and p95.
 *    (add --v8-flags=--expose-gc to also print the live heap after a full GC every 10 pages)
 * 2. The whole Plex watch history (100k plays, pages of 1000) against a loopback fake in a separate process,
 *    summarised page by page: time and this process's RSS sampled after every page.
 */
import { PlexClient } from "../../mcp/clients/media/plex.ts";
import {
  addToWatchHistorySummary,
  emptyWatchHistorySummary,
} from "../../mcp/clients/media/plex_history_summary.ts";
import { collectMediaQueue } from "../../mcp/media/queue.ts";
import { mediaQueueStack } from "./services_fixture.ts";

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function mediaQueue(runs: number) {
  const stack = mediaQueueStack();
  try {
    const warm = await collectMediaQueue(stack.media, { limit: 1000 });
    if (warm.total !== 500) throw new Error(`expected 500 items, got ${warm.total}`);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await collectMediaQueue(stack.media, { limit: 1000 });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `media_queue (500 items, SABnzbd + qBittorrent, ${runs} runs): median ${
        percentile(times, 50).toFixed(1)
      } ms, ` +
        `p95 ${percentile(times, 95).toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${
          times.at(-1)!.toFixed(1)
        } ms; ` +
        `counts ${JSON.stringify(warm.counts)}`,
    );
  } finally {
    await stack.close();
  }
}

async function plexHistory(total: number) {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      new URL("./services_plex_fake_main.ts", import.meta.url).pathname,
      String(total),
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  try {
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let url = "";
    while (!url.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("Plex fake exited early");
      url += value;
    }
    reader.releaseLock();
    const plex = new PlexClient({
      baseUrl: url.trim(),
      fetch,
      token: "bench-token",
      clientIdentifier: "bench",
    });
    const summary = emptyWatchHistorySummary();
    const before = Deno.memoryUsage().rss;
    const samples: number[] = [];
    // With --v8-flags=--expose-gc, the live heap after a full GC every 10 pages shows what is really retained.
    const gc = (globalThis as { gc?: () => void }).gc;
    const heapAfterGc: number[] = [];
    let pages = 0;
    const t0 = performance.now();
    for await (const page of plex.historyPages({ pageSize: 1000 })) {
      if (!page.ok) throw new Error(page.error.message);
      addToWatchHistorySummary(summary, page.value.items);
      pages++;
      samples.push(Deno.memoryUsage().rss);
      if (gc && pages % 10 === 0) {
        gc();
        heapAfterGc.push(Deno.memoryUsage().heapUsed);
      }
    }
    const elapsed = performance.now() - t0;
    const peak = Math.max(...samples);
    const at = (fraction: number) => mb(samples[Math.max(0, Math.floor(samples.length * fraction) - 1)]!);
    console.log(
      `plex history (${summary.plays} plays, ${pages} pages of 1000): ${(elapsed / 1000).toFixed(2)} s; ` +
        `RSS before ${mb(before)} MB, peak ${mb(peak)} MB; RSS after 10%/50%/100% of pages ` +
        `${at(0.1)}/${at(0.5)}/${at(1)} MB; by_account ${JSON.stringify(summary.byAccount)}`,
    );
    if (heapAfterGc.length > 0) {
      const live = heapAfterGc.map(mb);
      console.log(
        `  live heap after GC every 10 pages: first ${live[0]} MB, last ${live.at(-1)} MB, max ${
          mb(Math.max(...heapAfterGc))
        } MB`,
      );
    }
  } finally {
    child.kill("SIGTERM");
    await child.status;
  }
}

// `deno run -A tests/bench/services_report.ts plex 300000` runs only the history part (e.g. to compare sizes).
if (Deno.args[0] === "plex") {
  await plexHistory(Number(Deno.args[1] ?? 100_000));
} else {
  await mediaQueue(200);
  await plexHistory(100_000);
}
