/**
 * `GET /containers/:name/logs/stream`: the container page's live log as server-sent events on the page's own
 * origin and auth. `ready` comes at once (Podman sends no headers until the first line), then one `line`
 * event per log line (stream, runtime timestamp, text) redacted by the shared rules, and `end` with why it
 * stopped (`ended`, `limit`, `error`). Bounded in lines and bytes per connection and in connections at once. A
 * comment line every `pingMs` lets the server notice a closed page; the body's cancel then aborts the
 * runtime's log stream (LogFollower.openStreams() drops back).
 */
import type { LogFollower, TimedLogLine } from "../clients/runtime/log_follower.ts";
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
  /** Keep-alive comment interval. */
  pingMs: number;
}

export const LOG_STREAM_LIMITS: LogStreamLimits = {
  tail: LOG_TAIL,
  maxLines: 20_000,
  maxBytes: 4 * 1024 * 1024,
  maxOpen: 16,
  pingMs: 5_000,
};

export interface LogStreamServer {
  respond(name: string, secrets: readonly string[]): Response;
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

  function respond(name: string, secrets: readonly string[]): Response {
    if (follower === undefined) return plain(503, "No container runtime: live logs are unavailable");
    if (open >= limits.maxOpen) {
      return plain(429, `Too many live log views open (${limits.maxOpen}): close one and retry`);
    }
    open++;
    const abort = new AbortController();
    const budget = streamBudget(limits);
    let iterator: AsyncIterator<TimedLogLine> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    let closed = false;
    const finish = () => {
      if (closed) return;
      closed = true;
      open--;
      clearInterval(ping);
      abort.abort();
      void iterator?.return?.(undefined)?.catch(() => {});
    };
    const send = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) => {
      try {
        controller.enqueue(encoder.encode(text));
      } catch {
        finish();
      }
    };
    const end = (controller: ReadableStreamDefaultController<Uint8Array>, data: Record<string, unknown>) => {
      send(controller, sseEvent("end", data));
      finish();
      controller.close();
    };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        send(controller, `retry: 5000\n${sseEvent("ready", { tail: limits.tail })}`);
        ping = setInterval(() => send(controller, ": ping\n\n"), limits.pingMs);
      },
      async pull(controller) {
        if (closed) return;
        if (iterator === undefined) {
          const followed = await follower.follow(name, { tail: limits.tail, signal: abort.signal });
          if (closed) return;
          if (!followed.ok) {
            return end(controller, { reason: "error", message: redactLine(followed.error.message, secrets) });
          }
          iterator = followed.value[Symbol.asyncIterator]();
        }
        const next = await iterator.next().catch(() => ({ done: true as const, value: undefined }));
        if (closed) return;
        if (next.done) return end(controller, { reason: "ended" });
        const l = next.value;
        const chunk = sseEvent("line", { stream: l.stream, time: l.time, text: redactLine(l.text, secrets) });
        if (!budget.take(encoder.encode(chunk).length)) {
          return end(controller, { reason: "limit", lines: budget.lines });
        }
        send(controller, chunk);
      },
      cancel() {
        finish();
      },
    });
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
