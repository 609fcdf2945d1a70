/**
 * `GET /containers/:name/logs/stream`: the container page's live log as server-sent events on the page's own
 * origin and auth. Each `line` event is one log line (stream, runtime timestamp, text) redacted by the shared
 * rules; `end` says why the stream stopped (`ended`, `limit`, `error`). Bounded in lines and bytes per
 * connection and in connections at once; when the page goes away the request's signal aborts the runtime's
 * log stream (LogFollower.openStreams() drops back).
 */
import type { LogFollower } from "../clients/runtime/log_follower.ts";
import { redactLine } from "./redact_view.ts";
import { sseEvent, streamBudget } from "./sse.ts";
import { LOG_TAIL } from "./container_view.ts";

export interface LogStreamLimits {
  /** Lines of history sent first. */
  tail: number;
  /** Per connection; the stream ends with `end` `{reason: "limit"}` after these. */
  maxLines: number;
  maxBytes: number;
  /** Streams served at once; more get 429. */
  maxOpen: number;
}

export const LOG_STREAM_LIMITS: LogStreamLimits = {
  tail: LOG_TAIL,
  maxLines: 20_000,
  maxBytes: 4 * 1024 * 1024,
  maxOpen: 16,
};

export interface LogStreamServer {
  respond(name: string, secrets: readonly string[], signal: AbortSignal): Promise<Response>;
  /** Streams this server is sending now. */
  open(): number;
}

export function logStreamServer(
  follower: LogFollower | undefined,
  limits: LogStreamLimits = LOG_STREAM_LIMITS,
): LogStreamServer {
  let open = 0;
  const encoder = new TextEncoder();
  const plain = (status: number, text: string) =>
    new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

  async function respond(name: string, secrets: readonly string[], signal: AbortSignal): Promise<Response> {
    if (follower === undefined) return plain(503, "No container runtime: live logs are unavailable");
    if (open >= limits.maxOpen) {
      return plain(429, `Too many live log views open (${limits.maxOpen}): close one and retry`);
    }
    const abort = new AbortController();
    const stop = () => abort.abort();
    signal.addEventListener("abort", stop, { once: true });
    const followed = await follower.follow(name, { tail: limits.tail, signal: abort.signal });
    if (!followed.ok) {
      signal.removeEventListener("abort", stop);
      return plain(
        followed.error.kind === "not_found" ? 404 : 502,
        redactLine(followed.error.message, secrets),
      );
    }
    open++;
    let closed = false;
    const finish = () => {
      if (closed) return;
      closed = true;
      open--;
      signal.removeEventListener("abort", stop);
      abort.abort();
      void iterator.return?.(undefined)?.catch(() => {});
    };
    const budget = streamBudget(limits);
    const iterator = followed.value[Symbol.asyncIterator]();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`retry: 5000\n${sseEvent("ready", { tail: limits.tail })}`));
      },
      async pull(controller) {
        if (closed) return;
        const next = await iterator.next().catch(() => ({ done: true as const, value: undefined }));
        if (closed) return;
        if (next.done) {
          controller.enqueue(encoder.encode(sseEvent("end", { reason: "ended" })));
          finish();
          controller.close();
          return;
        }
        const l = next.value;
        const chunk = encoder.encode(
          sseEvent("line", { stream: l.stream, time: l.time, text: redactLine(l.text, secrets) }),
        );
        if (!budget.take(chunk.length)) {
          controller.enqueue(encoder.encode(sseEvent("end", { reason: "limit", lines: budget.lines })));
          finish();
          controller.close();
          return;
        }
        controller.enqueue(chunk);
      },
      cancel() {
        finish();
      },
    });
    signal.addEventListener("abort", finish, { once: true });
    return new Response(body, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Accel-Buffering": "no",
      },
    });
  }

  return { respond, open: () => open };
}
