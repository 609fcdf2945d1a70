/**
 * Sends one notice to one channel: retries with backoff on network errors, timeouts, 429 and 5xx, gives up at
 * once on other 4xx. Errors name the channel's scheme and host and an HTTP status or error class, never the
 * URL (it holds secrets).
 */
import type { FetchLike } from "../../../shared/fetch_like.ts";
import { redactText } from "../../../shared/redact/mod.ts";
import type { NotifyOutcome } from "../../toolkit/alerts_port.ts";
import type { Channel, Notice } from "./notice.ts";

export interface SendOptions {
  fetch: FetchLike;
  /** Waits between attempts; injected so tests do not wait. */
  sleep: (ms: number) => Promise<void>;
  /** @default 3 */
  attempts?: number;
  /** First retry delay; doubles each time. @default 2_000 */
  backoffMs?: number;
  /** Per attempt. @default 10_000 */
  timeoutMs?: number;
}

type Attempt = { ok: true } | { ok: false; retry: boolean; error: string };

async function attempt(channel: Channel, notice: Notice, options: SendOptions): Promise<Attempt> {
  const request = channel.request(notice);
  try {
    const response = await options.fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.body?.cancel().catch(() => {});
    if (response.ok) return { ok: true };
    const retry = response.status === 429 || response.status >= 500;
    return { ok: false, retry, error: `HTTP ${response.status}` };
  } catch (e) {
    const name = e instanceof Error ? e.name : "Error";
    const kind = name === "TimeoutError" || name === "AbortError" ? "timed out" : `network error (${name})`;
    return { ok: false, retry: true, error: kind };
  }
}

export async function sendNotice(
  channel: Channel,
  notice: Notice,
  options: SendOptions,
): Promise<NotifyOutcome> {
  const attempts = Math.max(1, options.attempts ?? 3);
  let last = "not sent";
  for (let n = 1; n <= attempts; n++) {
    if (n > 1) await options.sleep((options.backoffMs ?? 2_000) * 2 ** (n - 2));
    const result = await attempt(channel, notice, options);
    if (result.ok) return { channel: channel.label, ok: true, attempts: n, error: null };
    last = result.error;
    if (!result.retry) return { channel: channel.label, ok: false, attempts: n, error: safe(channel, last) };
  }
  return { channel: channel.label, ok: false, attempts, error: safe(channel, `${last}; gave up`) };
}

function safe(channel: Channel, text: string): string {
  return redactText(text, channel.secrets);
}
