/**
 * The live log's SSE endpoint against an in-memory LogFollower that behaves like the real one: it counts its
 * open streams and closes one when the signal aborts; lines are pushed by the test as a container would print.
 */
import assert from "node:assert/strict";
import { ok } from "../../../../shared/result.ts";
import type { LogFollower, TimedLogLine } from "../../../../mcp/clients/runtime/log_follower.ts";
import { LOG_STREAM_LIMITS, logStreamServer } from "../../../../mcp/dashboard/log_stream.ts";

function memoryFollower(known: string[]) {
  let open = 0;
  const queues: Array<{ push(l: TimedLogLine): void; end(): void }> = [];
  const follower: LogFollower = {
    openStreams: () => open,
    follow(name, { signal }) {
      if (!known.includes(name)) {
        return Promise.resolve({
          ok: false,
          error: { kind: "not_found", message: `No such container "${name}"` },
        });
      }
      open++;
      let closed = false;
      const buffered: TimedLogLine[] = [];
      let wake: (() => void) | null = null;
      const close = () => {
        if (closed) return;
        closed = true;
        open--;
        wake?.();
      };
      signal.addEventListener("abort", close, { once: true });
      queues.push({
        push: (l) => (buffered.push(l), wake?.()),
        end: close,
      });
      async function* lines() {
        while (true) {
          while (buffered.length > 0) yield buffered.shift()!;
          if (closed) return;
          await new Promise<void>((r) => wake = r);
          wake = null;
        }
      }
      return Promise.resolve(ok(lines()));
    },
  };
  return { follower, queues };
}

async function readEvents(res: Response, until: (events: string[]) => boolean): Promise<string[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (true) {
    const events = text.split("\n\n").filter((e) => e.includes("event:"));
    if (until(events)) {
      reader.releaseLock();
      return events;
    }
    const { done, value } = await reader.read();
    if (done) return text.split("\n\n").filter((e) => e.includes("event:"));
    text += value;
  }
}

Deno.test("log stream sends redacted lines as SSE and closes the follower's stream when the client goes", async () => {
  const { follower, queues } = memoryFollower(["web"]);
  const server = logStreamServer(follower);
  const client = new AbortController();
  const res = await server.respond("web", ["the-api-key-0123456789"], client.signal);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
  assert.equal(follower.openStreams(), 1);
  assert.equal(server.open(), 1);
  queues[0]!.push({ stream: "stderr", time: "2026-12-02T07:00:00Z", text: "login password=hunter2 failed" });
  queues[0]!.push({ stream: "stdout", time: null, text: "key the-api-key-0123456789" });
  const events = await readEvents(res, (e) => e.filter((x) => x.startsWith("event: line")).length >= 2);
  assert.match(events[0] ?? "", /event: ready/);
  const lines = events.filter((e) => e.startsWith("event: line")).map((e) =>
    JSON.parse(e.split("data: ")[1]!)
  );
  assert.deepEqual(lines[0], {
    stream: "stderr",
    time: "2026-12-02T07:00:00Z",
    text: "login password=[REDACTED] failed",
  });
  assert.equal(JSON.stringify(lines).includes("hunter2"), false);
  assert.equal(JSON.stringify(lines).includes("the-api-key-0123456789"), false);
  client.abort();
  await res.body?.cancel().catch(() => {});
  assert.equal(follower.openStreams(), 0, "the runtime stream closed with the client");
  assert.equal(server.open(), 0);
});

Deno.test("log stream ends with reason 'limit' after maxLines and answers 404 and 429", async () => {
  const { follower, queues } = memoryFollower(["web"]);
  const server = logStreamServer(follower, { ...LOG_STREAM_LIMITS, maxLines: 3, maxOpen: 1 });
  const res = await server.respond("web", [], new AbortController().signal);
  const busy = await server.respond("web", [], new AbortController().signal);
  assert.equal(busy.status, 429);
  await busy.body?.cancel();
  for (let i = 0; i < 5; i++) queues[0]!.push({ stream: "stdout", time: null, text: `line ${i}` });
  const events = await readEvents(res, (e) => e.some((x) => x.startsWith("event: end")));
  assert.equal(events.filter((e) => e.startsWith("event: line")).length, 3);
  assert.match(events.at(-1) ?? "", /"reason":"limit"/);
  assert.equal(follower.openStreams(), 0);
  assert.equal(server.open(), 0);
  const missing = await server.respond("nope", [], new AbortController().signal);
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /No such container/);
  const none = await logStreamServer(undefined).respond("web", [], new AbortController().signal);
  assert.equal(none.status, 503);
  await none.body?.cancel();
});
