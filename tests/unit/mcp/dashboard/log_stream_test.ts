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

/** Reads the SSE body as it comes; `until` reads on until the events so far satisfy `done`. */
function sseReader(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  const events = () => text.split("\n\n").filter((e) => /^event: /m.test(e));
  return {
    events,
    async until(done: (events: string[]) => boolean): Promise<string[]> {
      while (!done(events())) {
        const { done: ended, value } = await reader.read();
        if (ended) break;
        text += value;
      }
      return events();
    },
    cancel: () => reader.cancel(),
  };
}

const lineEvents = (events: string[]) =>
  events.filter((e) => /^event: line/m.test(e)).map((e) => JSON.parse(e.split("data: ")[1]!));

Deno.test("log stream sends redacted lines as SSE and closes the follower's stream when the client goes", async () => {
  const { follower, queues } = memoryFollower(["web"]);
  const server = logStreamServer(follower);
  const res = server.respond("web", ["the-api-key-0123456789"]);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
  assert.equal(server.open(), 1);
  const sse = sseReader(res);
  assert.match((await sse.until((e) => e.length >= 1))[0] ?? "", /^event: ready/m);
  // The first read after `ready` opens the runtime stream.
  const reading = sse.until((e) => lineEvents(e).length >= 2);
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(follower.openStreams(), 1);
  queues[0]!.push({ stream: "stderr", time: "2026-12-02T07:00:00Z", text: "login password=hunter2 failed" });
  queues[0]!.push({ stream: "stdout", time: null, text: "key the-api-key-0123456789" });
  const lines = lineEvents(await reading);
  assert.deepEqual(lines[0], {
    stream: "stderr",
    time: "2026-12-02T07:00:00Z",
    text: "login password=[REDACTED] failed",
  });
  assert.equal(JSON.stringify(lines).includes("hunter2"), false);
  assert.equal(JSON.stringify(lines).includes("the-api-key-0123456789"), false);
  await sse.cancel();
  assert.equal(follower.openStreams(), 0, "the runtime stream closed with the client");
  assert.equal(server.open(), 0);
});

Deno.test("log stream ends with reason 'limit' after maxLines, 'error' for a failed follow, and answers 429", async () => {
  const { follower, queues } = memoryFollower(["web"]);
  const server = logStreamServer(follower, { ...LOG_STREAM_LIMITS, maxLines: 3, maxOpen: 1 });
  const sse = sseReader(server.respond("web", []));
  const busy = server.respond("web", []);
  assert.equal(busy.status, 429);
  await busy.body?.cancel();
  const ending = sse.until((e) => e.some((x) => /^event: end/m.test(x)));
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 5; i++) queues[0]!.push({ stream: "stdout", time: null, text: `line ${i}` });
  const events = await ending;
  assert.equal(lineEvents(events).length, 3);
  assert.match(events.at(-1) ?? "", /"reason":"limit"/);
  assert.equal(follower.openStreams(), 0);
  assert.equal(server.open(), 0);
  const missing = sseReader(server.respond("nope", ["nope-secret"]));
  const failed = await missing.until((e) => e.some((x) => /^event: end/m.test(x)));
  assert.match(failed.at(-1) ?? "", /"reason":"error","message":"No such container/);
  assert.equal(server.open(), 0);
  const none = logStreamServer(undefined).respond("web", []);
  assert.equal(none.status, 503);
  await none.body?.cancel();
});
