/**
 * arr-mcp core benchmark on the real testbed (run by `deno task bench`, or alone:
 * `deno bench --allow-all tests/bench/mcp_bench.ts`). With 50 running busybox containers:
 *  1. latency of the `container_list` tool called through MCP over HTTP (a separate arr-mcp process started with
 *     the `start` task's own flags) vs one raw libpod `GET /containers/json?all=true` on the same socket,
 *     interleaved, as p50/p95 and their ratios;
 *  2. tools/call throughput with autocannon (10 connections, 10 s, loopback);
 *  3. the server's RSS idle and after the load.
 * The report goes to stderr; the 50 containers are removed by exact name at the end.
 */
import { env, IMAGE, openPodmanBench, podman } from "./_podman_bench.ts";
import { startTaskLine } from "../integration/_support/start_task.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const CONTAINERS = 50;
const SAMPLES = 300;
const tag = crypto.randomUUID().slice(0, 6);
const names = Array.from({ length: CONTAINERS }, (_, i) => `arrtest-mcpbench-${tag}-${i}`);
const { work, socket, raw, children } = await openPodmanBench("arr-mcp-bench-", () => names);

for (let i = 0; i < names.length; i += 10) {
  await Promise.all(
    names.slice(i, i + 10).map((n) => podman("run", "-d", "--name", n, IMAGE, "sleep", "3600")),
  );
}

await Deno.mkdir(`${work}/stacks/media`, { recursive: true });
await Deno.writeTextFile(
  `${work}/stacks/media/compose.yaml`,
  `services:\n  web:\n    image: ${IMAGE}\n    environment:\n      - API_KEY=not-shown\n`,
);

// arr-mcp as its own process, with exactly the `start` task's flags.
const task = await startTaskLine();
const key = `bench-${crypto.randomUUID()}`;
const server = new Deno.Command(Deno.execPath(), {
  args: task.split(/\s+/).slice(1),
  cwd: REPO,
  env: {
    ...env,
    ARR_MCP_API_KEY: key,
    ARR_MCP_PORT: "0",
    ARR_DATA_DIR: `${work}/data`,
    ARR_RUNTIME_SOCKET: socket,
    ARR_HELPER_SOCKET: `${work}/no-helper.sock`,
    ARR_STACKS_DIR: `${work}/stacks`,
  },
  stdout: "piped",
  stderr: "null",
}).spawn();
children.push(server);
const reader = server.stdout.pipeThrough(new TextDecoderStream()).getReader();
let banner = "";
while (!/listening on 127\.0\.0\.1:(\d+)/.test(banner)) {
  const { value, done } = await reader.read();
  if (done) throw new Error(`arr-mcp exited: ${banner}`);
  banner += value;
}
void reader.cancel();
const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(banner)![1]);
const url = `http://127.0.0.1:${port}/mcp`;
const body = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: { name: "container_list", arguments: {} },
});
const headers = {
  Authorization: `Bearer ${key}`,
  "Content-Type": "application/json",
  Accept: "application/json, text/event-stream",
  "MCP-Protocol-Version": "2025-06-18",
};

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(Deno.readTextFileSync(`/proc/${pid}/status`))?.[1];
  return Number(kb) / 1024;
}

async function mcpCall(): Promise<number> {
  const res = await fetch(url, { method: "POST", headers, body });
  const json = await res.json();
  const count = json?.result?.structuredContent?.count;
  if (res.status !== 200 || typeof count !== "number" || count < CONTAINERS) {
    throw new Error(`Unexpected MCP answer ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  }
  return count;
}

async function rawCall(): Promise<number> {
  const res = await raw("http://d/v4.0.0/libpod/containers/json?all=true");
  const list = await res.json();
  if (res.status !== 200 || list.length < CONTAINERS) {
    throw new Error(`Unexpected libpod answer ${res.status}`);
  }
  return list.length;
}

await new Promise((r) => setTimeout(r, 1000));
const rssIdle = rssMb(server.pid);

// 1. Interleaved latency samples.
for (let i = 0; i < 30; i++) (await mcpCall(), await rawCall());
const rssWarm = rssMb(server.pid);
const mcpMs: number[] = [];
const rawMs: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  let t = performance.now();
  await rawCall();
  rawMs.push(performance.now() - t);
  t = performance.now();
  await mcpCall();
  mcpMs.push(performance.now() - t);
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

// 2. Throughput with autocannon against the same server: container_list (bound by Podman's own list time)
//    and compose_read of a missing stack (no Podman call: the MCP/HTTP layer itself).
async function cannon(toolBody: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--no-lock",
      "npm:autocannon@8.0.0",
      "-c",
      "10",
      "-d",
      "10",
      "-m",
      "POST",
      ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}=${v}`]),
      "-b",
      toolBody,
      "--json",
      url,
    ],
    cwd: work,
    env,
    stdout: "piped",
    stderr: "null",
  }).output();
  return JSON.parse(new TextDecoder().decode(out.stdout));
}
const load = await cannon(body);
const rssAfterList = rssMb(server.pid);
const light = await cannon(JSON.stringify({
  jsonrpc: "2.0",
  id: 2,
  method: "tools/call",
  params: { name: "compose_read", arguments: { stack: "media" } },
}));
const rssLoaded = rssMb(server.pid);
// The protocol layer alone: tools/list (every tool's schema) and ping.
const list = await cannon(JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/list", params: {} }));
const ping = await cannon(JSON.stringify({ jsonrpc: "2.0", id: 4, method: "ping" }));

const f = (n: number) => n.toFixed(2);
// deno-lint-ignore no-explicit-any
const cannonLine = (name: string, r: any) =>
  `  autocannon ${name}, 10 connections, 10 s: ${f(r.requests.average)} req/s, latency p50 ` +
  `${r.latency.p50} ms p99 ${r.latency.p99} ms, 2xx ${r["2xx"]}, non-2xx ${r.non2xx}, errors ${r.errors}`;
const ratio = (p: number) => f(pct(mcpMs, p) / pct(rawMs, p));
console.error([
  `arr-mcp core benchmark (${CONTAINERS} running busybox containers, ${SAMPLES} interleaved samples each)`,
  `  raw libpod list:           p50 ${f(pct(rawMs, 0.5))} ms  p95 ${f(pct(rawMs, 0.95))} ms`,
  `  MCP container_list (HTTP): p50 ${f(pct(mcpMs, 0.5))} ms  p95 ${f(pct(mcpMs, 0.95))} ms`,
  `  ratio MCP/raw:             p50 ${ratio(0.5)}x  p95 ${ratio(0.95)}x`,
  cannonLine("tools/call container_list", load),
  cannonLine("tools/call compose_read (file read + redaction, no Podman call)", light),
  cannonLine("tools/list", list),
  cannonLine("ping", ping),
  `  server RSS: idle ${f(rssIdle)} MB, after warm-up ${f(rssWarm)} MB, after the container_list load ` +
  `${f(rssAfterList)} MB, after both loads ${f(rssLoaded)} MB`,
].join("\n"));

Deno.bench({
  name: "raw libpod GET /containers/json (50 containers)",
  group: "container_list",
  baseline: true,
}, async () => {
  await rawCall();
});
Deno.bench({ name: "MCP tools/call container_list over HTTP", group: "container_list" }, async () => {
  await mcpCall();
});
