/**
 * ARR_NOTIFY_QUIET_HOURS ("22-07", "22:30-07:00", local time): warning and info notices made inside the window
 * wait until it ends; critical ones go at once. Pure: the local time offset is passed in.
 */
import { err, ok, type Result } from "../../shared/result.ts";

export interface QuietHours {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

const DAY_MIN = 24 * 60;

export function parseQuietHours(text: string | undefined): Result<QuietHours | null, string> {
  const value = text?.trim() ?? "";
  if (value === "") return ok(null);
  const m = /^(\d{1,2})(?::(\d{2}))?-(\d{1,2})(?::(\d{2}))?$/.exec(value);
  const minutes = (h: string | undefined, mm: string | undefined) => Number(h) * 60 + Number(mm ?? 0);
  if (m) {
    const start = minutes(m[1], m[2]);
    const end = minutes(m[3], m[4]);
    const valid = [m[1], m[3]].every((h) => Number(h) <= 23) &&
      [m[2], m[4]].every((x) => Number(x ?? 0) <= 59);
    if (valid && start !== end) return ok({ start, end });
  }
  return err(`Invalid ARR_NOTIFY_QUIET_HOURS "${value}": expected HH-HH or HH:MM-HH:MM, e.g. "22-07"`);
}

/**
 * When a non-critical notice made at `now` may go: null for at once, else the epoch ms the quiet window ends.
 * `offsetMinutes`: local time minus UTC at `now`.
 */
export function quietUntil(quiet: QuietHours | null, now: number, offsetMinutes: number): number | null {
  if (quiet === null) return null;
  const localMs = now + offsetMinutes * 60_000;
  const minuteOfDay = Math.floor(localMs / 60_000) % DAY_MIN;
  const inside = quiet.start < quiet.end
    ? minuteOfDay >= quiet.start && minuteOfDay < quiet.end
    : minuteOfDay >= quiet.start || minuteOfDay < quiet.end;
  if (!inside) return null;
  const wait = (quiet.end - minuteOfDay + DAY_MIN) % DAY_MIN;
  const startOfMinute = localMs - (localMs % 60_000);
  return startOfMinute + wait * 60_000 - offsetMinutes * 60_000;
}

/** The host's local offset at `ms` (what `Date` uses: TZ or /etc/localtime). */
export function localOffsetMinutes(ms: number): number {
  return -new Date(ms).getTimezoneOffset();
}
