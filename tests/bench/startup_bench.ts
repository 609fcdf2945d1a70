/**
 * Startup of arr-mcp (run by `deno task bench`, or alone: `deno bench --allow-all tests/bench/startup_bench.ts`):
 * from spawning the process to the first answered `tools/list`, with the `start` task's own flags, for
 *  1. `deno run mcp/start.ts` with the tree's bundle made (`deno task bundle`): what `deno task start` runs,
 *     without the task runner's own process, and
 *  2. `deno run mcp/main.ts`: the same program from source (what the start path falls back to).
 * Each is started RUNS times with no runtime socket and a fresh data dir; the report (stderr) gives wall time,
 * the process's own CPU time (user + system, less sensitive to other load on the machine) and RSS at that
 * first answer. Compiling to a binary (`deno compile`) needs a download of denort that this machine can't make.
 */
import { makeBundle, startListening } from "../integration/_support/start_task.ts";

const RUNS = 5;

const work = await Deno.makeTempDir({ prefix: "arr-startup-bench-" });
await makeBundle();

interface Start {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

const CLK_TCK_MS = 10; // Linux USER_HZ is 100 on every supported kernel

async function startOnce(entry: string, run: number): Promise<Start> {
  const home = `${work}/home-${crypto.randomUUID().slice(0, 6)}-${run}`;
  await Deno.mkdir(home, { recursive: true });
  const key = `startup-${crypto.randomUUID()}`;
  const started = performance.now();
  const { child, port, stop } = await startListening({
    HOME: home,
    XDG_RUNTIME_DIR: home,
    DENO_DIR: Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`,
    ARR_MCP_API_KEY: key,
    ARR_MCP_PORT: "0",
    ARR_DATA_DIR: `${home}/data`,
    ARR_STACKS_DIR: `${home}/stacks`,
    ARR_HELPER_SOCKET: `${home}/no-helper.sock`,
    NO_COLOR: "1",
  }, entry);
  try {
    const res = await fetch(`http://127.0.0.1:${port}/mcp`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${key}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": "2025-06-18",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    const body = await res.text();
    if (!res.ok || !body.includes("container_list")) throw new Error(`tools/list failed: ${res.status}`);
    const wallMs = performance.now() - started;
    const stat = (await Deno.readTextFile(`/proc/${child.pid}/stat`)).split(") ")[1]!.split(" ");
    const cpuMs = (Number(stat[11]) + Number(stat[12])) * CLK_TCK_MS;
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(await Deno.readTextFile(`/proc/${child.pid}/status`))?.[1]);
    return { wallMs, cpuMs, rssMb: rssKb / 1024 };
  } finally {
    await stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = (label: string, starts: Start[]) =>
  `  ${label.padEnd(34)} wall p50 ${median(starts.map((s) => s.wallMs)).toFixed(0)} ms` +
  `  (min ${Math.min(...starts.map((s) => s.wallMs)).toFixed(0)})` +
  `  CPU p50 ${median(starts.map((s) => s.cpuMs)).toFixed(0)} ms` +
  `  RSS p50 ${median(starts.map((s) => s.rssMb)).toFixed(1)} MB`;

const source: Start[] = [];
const bundled: Start[] = [];
for (let i = 0; i < RUNS; i++) {
  source.push(await startOnce("mcp/main.ts", i));
  bundled.push(await startOnce("mcp/start.ts", i));
}
console.error([
  `arr-mcp startup to the first answered tools/list (${RUNS} starts each, interleaved, no runtime socket)`,
  summary("deno run mcp/start.ts (the bundle)", bundled),
  summary("deno run mcp/main.ts (source)", source),
].join("\n"));
globalThis.addEventListener("unload", () => Deno.removeSync(work, { recursive: true }));

Deno.bench({ name: "startup: deno run mcp/start.ts to first tools/list", n: 1, warmup: 0 }, async () => {
  await startOnce("mcp/start.ts", RUNS);
});
