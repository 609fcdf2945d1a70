/**
 * The container page's live log on real Podman: 10 SSE streams (`GET /containers/<name>/logs/stream`) open on
 * one container that prints 100 lines/s, through the real app. Reports the time until every stream has received
 * 200 lines, the lines each got, the process RSS with the streams open (server and clients share this process),
 * and that the Podman streams close when the clients go.
 *   bash tests/testbed/run.sh is not needed: deno bench --allow-all tests/bench/log_stream_bench.ts
 */
import { serveArrMcp } from "../integration/_support/harness.ts";
import { IMAGE, openPodmanBench, podman, waitFor } from "./_podman_bench.ts";

const STREAMS = 10;
const LINES = 200;
const name = `arrbench-logs-${crypto.randomUUID().slice(0, 8)}`;
const bench = await openPodmanBench("arr-logbench-", () => [name]);
await podman(
  "run",
  "-d",
  "--name",
  name,
  IMAGE,
  "sh",
  "-c",
  'i=0; while true; do i=$((i+1)); echo "line $i password=hunter2"; sleep 0.01; done',
);
const served = await serveArrMcp({ env: { ARR_RUNTIME_SOCKET: bench.socket } });
globalThis.addEventListener("unload", () => void served.close());
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const rssBefore = Deno.memoryUsage().rss;
const report: string[] = [];

async function readLines(
  signal: AbortSignal,
  want: number,
): Promise<{ lines: number; reader: ReadableStreamDefaultReader<string> }> {
  const res = await fetch(`${served.origin}/containers/${name}/logs/stream`, {
    headers: { authorization: `Bearer ${served.key}` },
    signal,
  });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let lines = 0;
  while (lines < want) {
    const { done, value } = await reader.read();
    if (done) break;
    lines += value.split("\n").filter((l) => l === "event: line").length;
    if (value.includes("hunter2")) throw new Error("A secret reached the stream");
  }
  return { lines, reader };
}

Deno.bench(
  { name: `${STREAMS} live log streams on one container: ${LINES} lines each`, n: 3, warmup: 0 },
  async () => {
    const abort = new AbortController();
    const read = await Promise.all(Array.from({ length: STREAMS }, () => readLines(abort.signal, LINES)));
    const counts = read.map((r) => r.lines);
    const rssOpen = Deno.memoryUsage().rss;
    const open = served.deps.logFollower?.openStreams() ?? 0;
    // Deno's fetch keeps the connection of a locked body after an abort: the readers are cancelled explicitly
    // (a browser closes the connection when the page goes; the Chromium test checks that).
    for (const r of read) await r.reader.cancel().catch(() => {});
    abort.abort();
    await waitFor(
      () => Promise.resolve(served.deps.logFollower?.openStreams() === 0),
      "the Podman streams to close",
    );
    report.push(
      `lines per stream ${Math.min(...counts)}-${Math.max(...counts)}, Podman streams open ${open}, ` +
        `RSS ${mib(rssBefore)} before, ${mib(rssOpen)} with ${STREAMS} streams open`,
    );
  },
);

globalThis.addEventListener("unload", () => {
  for (const line of report) console.error(line);
});
