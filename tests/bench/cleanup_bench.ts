/**
 * One watched-cleanup preview (Sonarr) over 2,000 series / 100,000 episodes / 5 Plex users against loopback
 * Plex and Sonarr fakes in their own process (tests/bench/cleanup_fakes_main.ts: generated data, real HTTP),
 * run at 25k, 50k and 100k history rows. Each size runs twice, each time in a fresh process: once timed (wall
 * time, the CPU time of the preview's process and of the fakes' from /proc, since the machine may be shared,
 * and peak `heapUsed` sampled every 5 ms, garbage included), once for the live heap (a full GC before each
 * sample, every 250 ms: it slows the run, so it is not timed). Heaps are above the heap before the preview.
 * Goal: < 2 s, and a live heap that does not grow with the rows (they cycle over the same 25,000 watches).
 * The watches fall on 100 series (the rest nobody started, whose episodes the preview does not read); the last
 * run spreads them over every series, the worst case, where all 2,000 are read.
 *   deno run --allow-all tests/bench/cleanup_bench.ts                             25k, 50k, 100k rows
 *   deno run --allow-all --v8-flags=--expose-gc tests/bench/cleanup_bench.ts --plays=100000 [--live] [--spread]
 * The preview runs with the server's V8 flags (deno.json `start`: --max-semi-space-size=1).
 */
import type { SonarrReads } from "../../mcp/cleanup/arr_library.ts";
import { buildPreview } from "../../mcp/cleanup/preview.ts";
import { PlexClient } from "../../mcp/clients/media/plex.ts";
import { SonarrClient } from "../../mcp/clients/media/sonarr.ts";
import { ok } from "../../shared/result.ts";
import { BENCH_PLEX_TOKEN, BENCH_SONARR_KEY } from "./cleanup_fakes_main.ts";
import { BENCH_NOW } from "./cleanup_library.ts";

const SERIES = 2_000;
/** Linux clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used, from /proc: on a shared machine wall time alone misleads. */
function cpuMs(pid: number | "self"): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 1000 / TICKS_PER_SECOND;
}
const MIB = 1024 * 1024;

async function startFakes(plays: number, spread: boolean) {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      new URL("./cleanup_fakes_main.ts", import.meta.url).pathname,
      String(SERIES),
      String(plays),
      ...(spread ? ["spread"] : []),
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let line = "";
  while (!line.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("Cannot start the cleanup fakes: they exited");
    line += value;
  }
  reader.releaseLock();
  const urls = JSON.parse(line) as { plex: string; sonarr: string };
  return {
    ...urls,
    pid: child.pid,
    async close() {
      child.kill("SIGTERM");
      await child.status;
      await child.stdout.cancel().catch(() => {});
    },
  };
}

async function runOnce(plays: number, live: boolean, spread: boolean) {
  const fakes = await startFakes(plays, spread);
  try {
    const plex = new PlexClient({
      baseUrl: fakes.plex,
      fetch,
      token: BENCH_PLEX_TOKEN,
      clientIdentifier: "arr-mcp-bench",
      retries: 0,
    });
    const client = new SonarrClient({ baseUrl: fakes.sonarr, fetch, apiKey: BENCH_SONARR_KEY, retries: 0 });
    // Counts the per-series episode reads: the preview skips the series nobody started.
    let seriesRead = 0;
    const sonarr: SonarrReads = {
      series: () => client.series(),
      tags: () => client.tags(),
      episodes: (...args) => (seriesRead++, client.episodes(...args)),
      episodeFiles: (...args) => client.episodeFiles(...args),
    };
    (globalThis as { gc?: () => void }).gc?.();
    const before = Deno.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().heapUsed), 5);
    // The live set: a full GC before each of these samples (garbage not yet collected inflates `peak`).
    const gc = (globalThis as { gc?: () => void }).gc;
    let livePeak = before;
    const liveSampler = live
      ? setInterval(() => {
        gc?.();
        livePeak = Math.max(livePeak, Deno.memoryUsage().heapUsed);
      }, 250)
      : undefined;
    const started = performance.now();
    const cpuBefore = cpuMs("self");
    const fakesCpuBefore = cpuMs(fakes.pid);
    const preview = await buildPreview(
      { plex: ok(plex), arr: ok(sonarr) },
      { service: "sonarr", minDaysSinceWatched: 14, requiredWatchers: "all_active" },
      { users: undefined, activeDays: 90, keepTag: "keep" },
      [],
      BENCH_NOW,
    );
    const ms = performance.now() - started;
    const cpu = cpuMs("self") - cpuBefore;
    const fakesCpu = cpuMs(fakes.pid) - fakesCpuBefore;
    clearInterval(sampler);
    if (liveSampler !== undefined) clearInterval(liveSampler);
    peak = Math.max(peak, Deno.memoryUsage().heapUsed);
    if (preview.unreadable.length > 0) throw new Error(`Preview failed: ${preview.unreadable.join("; ")}`);
    return {
      plays,
      series_read: seriesRead,
      ms: Math.round(ms),
      cpu_ms: Math.round(cpu),
      fakes_cpu_ms: Math.round(fakesCpu),
      candidates: preview.candidates.length,
      protected: preview.protected.length,
      heap_before_mib: +(before / MIB).toFixed(1),
      peak_heap_above_mib: +((peak - before) / MIB).toFixed(1),
      ...(live ? { peak_live_heap_above_mib: +((livePeak - before) / MIB).toFixed(1) } : {}),
    };
  } finally {
    await fakes.close();
  }
}

function runChild(plays: number, live: boolean, spread = false) {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      "--v8-flags=--max-semi-space-size=1,--expose-gc",
      new URL(import.meta.url).pathname,
      `--plays=${plays}`,
      ...(live ? ["--live"] : []),
      ...(spread ? ["--spread"] : []),
    ],
    stderr: "inherit",
  }).output().then((out) => {
    if (!out.success) throw new Error(`The ${plays}-row run failed`);
    return JSON.parse(new TextDecoder().decode(out.stdout));
  });
}

const one = Deno.args.find((a) => a.startsWith("--plays="));
if (one) {
  const result = await runOnce(
    Number(one.slice("--plays=".length)),
    Deno.args.includes("--live"),
    Deno.args.includes("--spread"),
  );
  console.log(JSON.stringify(result));
} else {
  console.log(`cleanup preview: ${SERIES} series, ${SERIES * 50} episodes, 5 users (loopback fakes)`);
  const runs = [
    { plays: 25_000, spread: false },
    { plays: 50_000, spread: false },
    { plays: 100_000, spread: false },
    { plays: 100_000, spread: true },
  ];
  for (const { plays, spread } of runs) {
    const r = await runChild(plays, false, spread);
    const live = await runChild(plays, true, spread);
    console.log(
      `${
        String(plays).padStart(7)
      } history rows, ${r.series_read} series started: ${r.ms} ms wall, ${r.cpu_ms} ms CPU ` +
        `(fakes ${r.fakes_cpu_ms} ms CPU), peak heap +${r.peak_heap_above_mib} MiB, ` +
        `live heap +${live.peak_live_heap_above_mib} MiB (from ${r.heap_before_mib} MiB), ` +
        `${r.candidates} candidates, ${r.protected} protected`,
    );
  }
}
