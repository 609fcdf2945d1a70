/**
 * qBittorrent torrent states. 5.x renamed pausedDL/pausedUP to stoppedDL/stoppedUP; both map to the 5.x names
 * here, and every state falls into one coarse class a tool can reason about.
 */
export type TorrentClass = "error" | "stalled" | "downloading" | "seeding" | "stopped" | "checking" | "other";

const RENAMED: Readonly<Record<string, string>> = { pausedDL: "stoppedDL", pausedUP: "stoppedUP" };

const CLASS_OF: Readonly<Record<string, TorrentClass>> = {
  error: "error",
  missingFiles: "error",
  stalledDL: "stalled",
  downloading: "downloading",
  forcedDL: "downloading",
  metaDL: "downloading",
  forcedMetaDL: "downloading",
  queuedDL: "downloading",
  uploading: "seeding",
  forcedUP: "seeding",
  stalledUP: "seeding",
  queuedUP: "seeding",
  stoppedDL: "stopped",
  stoppedUP: "stopped",
  checkingDL: "checking",
  checkingUP: "checking",
  checkingResumeData: "checking",
  moving: "other",
  unknown: "other",
};

/** "pausedDL" → "stoppedDL"; 5.x names and unknown states pass through unchanged. */
export function normalizeTorrentState(state: string): string {
  return Object.hasOwn(RENAMED, state) ? RENAMED[state]! : state;
}

export function classifyTorrentState(state: string): TorrentClass {
  const normalized = normalizeTorrentState(state);
  // Own keys only: the state comes from the server, and "constructor" must not find Object.prototype.
  return Object.hasOwn(CLASS_OF, normalized) ? CLASS_OF[normalized]! : "other";
}

/** True when the torrent still has data to fetch (…DL states). */
export function isIncomplete(state: string): boolean {
  return normalizeTorrentState(state).endsWith("DL") || state === "downloading";
}
