/** Turns a `since` argument into unix seconds. Pure. */
import { err, ok, type Result } from "../../../shared/result.ts";

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Accepts a duration back from now (`90s`, `10m`, `2h`, `1d`), an ISO 8601 time, or unix seconds.
 * Error: `Cannot parse since "x": expected a duration like 10m, an ISO time or unix seconds`.
 */
export function parseSince(text: string, nowMs: number): Result<number, string> {
  const t = text.trim();
  const duration = /^(\d+)\s*([smhd])$/i.exec(t);
  if (duration) {
    return ok(Math.floor(nowMs / 1000) - Number(duration[1]) * (UNITS[duration[2]!.toLowerCase()] ?? 1));
  }
  if (/^\d{9,11}$/.test(t)) return ok(Number(t));
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return ok(Math.floor(ms / 1000));
  }
  return err(`Cannot parse since "${text}": expected a duration like 10m, an ISO time or unix seconds`);
}
