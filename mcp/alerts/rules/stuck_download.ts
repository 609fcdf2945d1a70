/**
 * stuck_download: a download whose bytes done did not go up for `threshold` checks in a row (strikes). Progress
 * resets the strikes; a download that waits on purpose (queued, stopped, checking) collects none.
 */
import { formatBytes } from "../../../templates/format.ts";
import { clientCauses, clientTitle } from "../causes.ts";
import type { DownloadFact } from "../facts.ts";
import { type AlertRule, type Finding, type Memory, numberOf, sinceText } from "../rule.ts";

/** Client states that mean the download itself is broken, not just slow. */
const BROKEN_STATES = new Set(["error", "missingFiles", "Failed"]);

export interface ProgressMemory {
  done: number | null;
  strikes: number;
  firstSeen: number;
  lastProgressAt: number | null;
}

/** The next memory of one download, given the last one. Pure; exported for download_clients' view. */
export function nextProgress(
  previous: Memory | undefined,
  download: DownloadFact,
  now: number,
): ProgressMemory {
  const done = download.doneBytes;
  if (previous === undefined) return { done, strikes: 0, firstSeen: now, lastProgressAt: null };
  const before = numberOf(previous, "done");
  const firstSeen = numberOf(previous, "firstSeen") ?? now;
  const lastProgressAt = numberOf(previous, "lastProgressAt");
  if (done !== null && before !== null && done > before) {
    return { done, strikes: 0, firstSeen, lastProgressAt: now };
  }
  if (download.waiting) return { done, strikes: 0, firstSeen, lastProgressAt };
  return {
    done: done ?? before,
    strikes: (numberOf(previous, "strikes") ?? 0) + 1,
    firstSeen,
    lastProgressAt,
  };
}

export const stuckDownload: AlertRule = {
  name: "stuck_download",
  description: "A download made no progress for N checks in a row (stalled, metadata, error, missing files)",
  defaultThreshold: 3,
  thresholdUnit: "checks",
  minThreshold: 1,
  defaultCooldownSeconds: 3600,
  enabledByDefault: true,
  evaluate({ facts, threshold, previous }) {
    if (facts.downloads === null) return { findings: [], memory: null };
    const memory = new Map<string, Memory>();
    const findings: Finding[] = [];
    for (const download of facts.downloads) {
      const next = nextProgress(previous.get(download.subject), download, facts.now);
      memory.set(download.subject, { ...next });
      if (next.strikes < (threshold ?? 3)) continue;
      findings.push({
        rule: "stuck_download",
        subject: download.subject,
        severity: BROKEN_STATES.has(download.state) ? "critical" : "warning",
        message: stuckMessage(download, next, facts),
      });
    }
    return { findings, memory };
  },
};

function stuckMessage(
  download: DownloadFact,
  progress: ProgressMemory,
  facts: Parameters<typeof clientCauses>[0],
): string {
  const where = download.client
    ? clientTitle(download.client)
    : download.arr?.service ?? "the download client";
  const via = download.arr ? `, for ${download.arr.service}` : "";
  const amount = download.doneBytes !== null && download.totalBytes
    ? `; ${formatBytes(download.doneBytes)} of ${formatBytes(download.totalBytes)} done`
    : "";
  const lines = [
    `Download "${download.name}" in ${where} (state ${download.state}${via}) made no progress for ` +
    `${progress.strikes} checks, ${sinceText(progress.lastProgressAt ?? progress.firstSeen)}${amount}.`,
  ];
  const messages = download.arr?.messages ?? [];
  if (messages.length) lines.push(`${download.arr?.service} says: ${messages.slice(0, 3).join("; ")}.`);
  const causes = download.client ? clientCauses(facts, download.client) : [];
  if (causes.length) lines.push(`Likely cause: ${causes.join("; ")}.`);
  return lines.join(" ");
}
