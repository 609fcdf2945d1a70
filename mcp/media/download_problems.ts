/**
 * The download-client items worth naming in download_clients: stalled, errored, stuck (no progress for a
 * check or more, as the alert watcher saw it) and failed, each with the time since it last made progress.
 * Pure.
 */
import type { QbitTorrent } from "../clients/media/qbittorrent.ts";
import type { SabQueueSlot } from "../clients/media/sabnzbd_schemas.ts";
import type { DownloadProgress } from "../toolkit/alerts_port.ts";

export interface DownloadProblemInput {
  torrents: QbitTorrent[];
  slots: SabQueueSlot[];
}

export interface DownloadProblemItem {
  client: "sabnzbd" | "qbittorrent";
  id: string;
  name: string;
  state: string;
  problem: "stalled" | "errored" | "stuck" | "failed";
  progress: number;
  seconds_since_progress: number | null;
}

/** At most this many items are named. */
export const MAX_PROBLEM_ITEMS = 50;

export function problemItems(
  input: DownloadProblemInput,
  options: { now: number; progress?: { of(id: string): DownloadProgress | undefined } | undefined },
): DownloadProblemItem[] {
  const seen = (id: string) => options.progress?.of(id.toLowerCase());
  const since = (id: string, fallbackMs: number | null) => {
    const last = seen(id)?.lastProgressAt ?? fallbackMs;
    return last === null ? null : Math.max(0, Math.round((options.now - last) / 1000));
  };
  const items: DownloadProblemItem[] = [];
  for (const t of input.torrents) {
    const watched = seen(t.hash);
    const problem = t.state === "error" || t.state === "missingFiles"
      ? "errored"
      : t.state === "stalledDL"
      ? "stalled"
      : t.progress < 1 && (watched?.strikes ?? 0) > 0 && !t.state.startsWith("stopped") &&
          !t.state.startsWith("queued")
      ? "stuck"
      : null;
    if (!problem) continue;
    const activity = t.last_activity ? t.last_activity * 1000 : null;
    items.push({
      client: "qbittorrent",
      id: t.hash,
      name: t.name,
      state: t.state,
      problem,
      progress: t.progress,
      seconds_since_progress: since(t.hash, activity),
    });
  }
  for (const s of input.slots) {
    const watched = seen(s.nzo_id);
    const problem = s.status === "Failed"
      ? "failed"
      : (watched?.strikes ?? 0) > 0 && s.status !== "Paused" && s.status !== "Queued"
      ? "stuck"
      : null;
    if (!problem) continue;
    items.push({
      client: "sabnzbd",
      id: s.nzo_id,
      name: s.filename ?? s.nzo_id,
      state: s.status ?? "unknown",
      problem,
      progress: (s.percentage ?? 0) / 100,
      seconds_since_progress: since(s.nzo_id, null),
    });
  }
  return items.slice(0, MAX_PROBLEM_ITEMS);
}
