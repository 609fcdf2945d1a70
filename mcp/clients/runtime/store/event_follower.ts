/**
 * Reads an event stream's body line by line until it ends, fails, stalls or is aborted, and says why it
 * stopped. Podman sends nothing between events (no heartbeat), so a stall is silence longer than
 * `stallTimeoutMs`: the store then reconnects, which costs one list and proves the stream again.
 */
import { LineSplitter } from "./line_splitter.ts";
import type { TimerHandle, Timers } from "./timers.ts";

export interface FollowOptions {
  timers: Timers;
  stallTimeoutMs: number;
  onLine(line: string): void;
  /** Lines dropped for being longer than the splitter's cap. */
  onOverlong(count: number): void;
}

/** Never throws; aborting `signal` cancels the body. */
export async function followEvents(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  options: FollowOptions,
): Promise<string> {
  const reader = body.getReader();
  const splitter = new LineSplitter();
  let reason = "The event stream ended";
  const stop = (why: string) => {
    reason = why;
    reader.cancel().catch(() => {});
  };
  const onAbort = () => stop("The event stream was closed");
  signal.addEventListener("abort", onAbort, { once: true });
  let stall: TimerHandle;
  const armStall = () => {
    options.timers.clear(stall);
    stall = options.timers.set(
      () => stop(`The event stream stalled: no data for ${options.stallTimeoutMs} ms`),
      options.stallTimeoutMs,
    );
  };
  armStall();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      armStall();
      const { lines, overlong } = splitter.push(value);
      if (overlong > 0) options.onOverlong(overlong);
      for (const line of lines) options.onLine(line);
    }
  } catch (e) {
    if (!signal.aborted) reason = `The event stream failed: ${(e as Error).message}`;
  } finally {
    options.timers.clear(stall);
    signal.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
  return reason;
}
