/** How long the state store waits before reconnect attempt `n` (1-based) to the event stream. Pure. */

export interface BackoffOptions {
  /** @default 250 */
  baseMs?: number;
  /** @default 30_000 */
  maxMs?: number;
}

/** 250 ms, 500 ms, 1 s, 2 s … up to 30 s; 0 for attempt 0 (the first reconnect after a drop is immediate). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  if (attempt <= 0) return 0;
  const base = options.baseMs ?? 250;
  const max = options.maxMs ?? 30_000;
  return Math.min(max, base * 2 ** Math.min(attempt - 1, 30));
}
