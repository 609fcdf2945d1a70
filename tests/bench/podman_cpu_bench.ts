/**
 * Podman's own CPU with a dashboard tab open (run by `deno task bench`, or alone:
 * `deno bench --allow-all tests/bench/podman_cpu_bench.ts`). A private `podman system service` (so its CPU is
 * only this benchmark's), 60 busybox containers (50 running, 10 exited), and three windows of WINDOW_S seconds
 * each, reading the service's user + system CPU from /proc:
 *  1. idle: nothing asks Podman anything (the floor);
 *  2. direct: what the dashboard cost before the state store, on the tab's own 10 s cadence: one full list plus
 *     the per-container facts (collectContainerExtras: an inspect per container, a stats call per running one);
 *  3. arr-mcp: the real server (the `start` task's flags) on that socket with the store live, the tab's
 *     `GET /` once and `GET /api/status` every 10 s; everything arr-mcp does in the window counts (event
 *     stream, periodic re-list, the shared stats sample). Twice: with the default stats interval
 *     (ARR_STATS_INTERVAL_S, 60 s), and sampling at the tab's own 10 s poll.
 * The report (stderr) gives Podman CPU per minute for each and the cut against the direct path.
 */
import { createHttpRuntime } from "../../mcp/clients/runtime/http_runtime.ts";
import { collectContainerExtras } from "../../mcp/dashboard/container_extras.ts";
import { startEnv, startListening } from "../integration/_support/start_task.ts";
import { countingSocketProxy } from "../integration/_support/counting_socket_proxy.ts";
import { STATS_INTERVAL_S } from "../../mcp/clients/runtime/store/stats_sampler.ts";
import { env, IMAGE, openPodmanBench, podman } from "./_podman_bench.ts";

const WINDOW_S = Number(Deno.env.get("ARR_BENCH_WINDOW_S") ?? 60);
const POLL_MS = 10_000; // templates/dashboard.js INTERVAL_MS
const RUNNING = 50;
const EXITED = 10;
const tag = crypto.randomUUID().slice(0, 6);
const running = Array.from({ length: RUNNING }, (_, i) => `cpu-bench-${tag}-up${i}`);
const exited = Array.from({ length: EXITED }, (_, i) => `cpu-bench-${tag}-off${i}`);
const bench = await openPodmanBench("podman-cpu-bench-", () => [...running, ...exited], { ownService: true });
const { socket, raw, work } = bench;
const servicePid = bench.servicePid!;

for (let i = 0; i < running.length; i += 10) {
  await Promise.all(
    running.slice(i, i + 10).map((n) => podman("run", "-d", "--name", n, IMAGE, "sleep", "3600")),
  );
}
await Promise.all(exited.map((n) => podman("run", "-d", "--name", n, IMAGE, "true")));

const CLK_TCK_MS = 10; // Linux USER_HZ is 100 on every supported kernel
function serviceCpuMs(): number {
  const fields = Deno.readTextFileSync(`/proc/${servicePid}/stat`).split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * CLK_TCK_MS;
}

/** Podman CPU ms per minute over one window in which `tick` runs every POLL_MS (first at 0). */
async function window(tick: (() => Promise<void>) | null): Promise<{ perMinute: number; ticks: number }> {
  const start = serviceCpuMs();
  const end = performance.now() + WINDOW_S * 1000;
  let ticks = 0;
  while (performance.now() < end) {
    if (tick) (await tick(), ticks++);
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(POLL_MS, end - performance.now()))));
  }
  return { perMinute: (serviceCpuMs() - start) * 60 / WINDOW_S, ticks };
}

// 1. The floor.
await new Promise((r) => setTimeout(r, 2000));
const idle = await window(null);

// 2. The dashboard's reads straight from Podman, as before the store.
const runtime = createHttpRuntime({ kind: "podman", fetch: raw, socket });
const direct = await window(async () => {
  const list = await runtime.list({ all: true });
  if (!list.ok || list.value.length < RUNNING + EXITED) throw new Error("direct list failed");
  await collectContainerExtras(runtime, list.value);
});

// 3. arr-mcp with the store, one tab open: with the default stats interval, then sampling at the tab's poll.
async function served(statsIntervalS: number) {
  const key = `cpu-bench-${crypto.randomUUID()}`;
  const home = `${work}/home-${statsIntervalS}`;
  await Deno.mkdir(home, { recursive: true });
  // What arr-mcp asks, counted at a proxy in front of the socket (the bytes pass through untouched).
  const proxy = countingSocketProxy(socket, `${work}/counted-${statsIntervalS}.sock`);
  const server = await startListening({
    ...startEnv(home, (name) => name.startsWith("ARR_")),
    CONTAINERS_CONF: env.CONTAINERS_CONF,
    ARR_MCP_API_KEY: key,
    ARR_DATA_DIR: `${work}/data-${statsIntervalS}`,
    ARR_RUNTIME_SOCKET: proxy.socket,
    ARR_HELPER_SOCKET: `${work}/no-helper.sock`,
    ARR_STACKS_DIR: `${work}/stacks`,
    ...(statsIntervalS === STATS_INTERVAL_S ? {} : { ARR_STATS_INTERVAL_S: String(statsIntervalS) }),
  });
  const origin = `http://127.0.0.1:${server.port}`;
  const auth = { authorization: `Bearer ${key}` };
  try {
    // Let the store go live and read every container before the window opens (its one-off start-up cost).
    for (let i = 0; i < 120; i++) {
      const status = await (await fetch(`${origin}/api/status`, { headers: auth })).json();
      if (status.store?.state === "live" && status.containers.length >= RUNNING + EXITED) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, 5000));
    proxy.requests.length = 0;
    let first = true;
    const result = await window(async () => {
      if (first) {
        first = false;
        const signIn = await fetch(`${origin}/?key=${encodeURIComponent(key)}`, { redirect: "manual" });
        await signIn.body?.cancel();
        const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
        const page = await fetch(`${origin}/`, { headers: { cookie } });
        if (!page.ok) throw new Error(`GET / answered ${page.status}`);
        await page.body?.cancel();
      }
      const res = await fetch(`${origin}/api/status`, { headers: auth });
      const status = await res.json();
      if (res.status !== 200 || status.store?.state !== "live") {
        throw new Error(`/api/status: ${res.status} ${JSON.stringify(status.store)}`);
      }
    });
    const asked = new Map<string, number>();
    for (const r of proxy.requests) {
      const shape = r.replace(/\/v[\d.]+\//, "/").replace(/[0-9a-f]{64}/g, "<id>").replace(/\?.*/, "?…");
      asked.set(shape, (asked.get(shape) ?? 0) + 1);
    }
    return { ...result, asked };
  } finally {
    await server.stop();
    await proxy.close();
  }
}
const byDefault = await served(STATS_INTERVAL_S);
const atPoll = await served(POLL_MS / 1000);

const f = (n: number) => n.toFixed(0);
const net = (w: { perMinute: number }) => Math.max(1, w.perMinute - idle.perMinute);
const askedText = (w: { asked: Map<string, number> }) =>
  [...w.asked].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}× ${k}`).join(", ");
console.error([
  `Podman API service CPU per minute, ${RUNNING} running + ${EXITED} exited containers, one dashboard tab ` +
  `polling every ${POLL_MS / 1000} s (${WINDOW_S} s windows)`,
  `  idle (no reader):                                  ${f(idle.perMinute)} ms`,
  `  direct reads (list + extras) x${direct.ticks}:                  ${f(direct.perMinute)} ms`,
  `  arr-mcp, stats every ${STATS_INTERVAL_S} s (default) x${byDefault.ticks}:       ${
    f(byDefault.perMinute)
  } ms`,
  `  arr-mcp, stats every ${POLL_MS / 1000} s (each poll) x${atPoll.ticks}:       ${f(atPoll.perMinute)} ms`,
  `  cut above idle: ${(net(direct) / net(byDefault)).toFixed(1)}x by default, ${
    (net(direct) / net(atPoll)).toFixed(1)
  }x sampling at each poll  (direct ${f(net(direct))} ms vs ${f(net(byDefault))} / ${
    f(net(atPoll))
  } ms per minute)`,
  `  asked by default: ${askedText(byDefault)}`,
  `  asked at each poll: ${askedText(atPoll)}`,
].join("\n"));

Deno.bench({ name: "podman CPU with a dashboard tab (report on stderr)", n: 1, warmup: 0 }, () => {});
