/** Human-readable numbers for the dashboard. Pure. */

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;

/** `1536` → `1.5 KiB`; null or negative → `–`. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return "–";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${UNITS[unit]}`;
}

/** `93_000` → `1m 33s`, `90_061_000` → `1d 1h`; at most two units; null or negative → `–`. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return "–";
  const s = Math.floor(ms / 1000);
  const parts: Array<[number, string]> = [
    [Math.floor(s / 86400), "d"],
    [Math.floor((s % 86400) / 3600), "h"],
    [Math.floor((s % 3600) / 60), "m"],
    [s % 60, "s"],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return "0s";
  return parts.slice(first, first + 2).filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`).join(" ");
}

/** `12.345` → `12.3%`; null → `–`. */
export function formatPercent(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "–";
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toString()}%`;
}

/** Uptime of a running container at `nowMs`, from its ISO start time; null when not running or unknown. */
export function uptimeMs(state: string, startedAt: string | null, nowMs: number): number | null {
  if (state !== "running" || startedAt === null) return null;
  const started = Date.parse(startedAt);
  return Number.isNaN(started) ? null : Math.max(0, nowMs - started);
}

/** `2026-11-22T03:56:27.231Z` → `2026-11-22 03:56:27 UTC`; null or unparsable → `–`. */
export function formatTime(iso: string | null): string {
  if (iso === null) return "–";
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? "–" : `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
