/**
 * download_failed: an *arr queue item that failed or cannot be imported (with the *arr's own reasons), or a
 * SABnzbd history job that failed within the last day.
 */
import { clientCauses } from "../causes.ts";
import type { DownloadFact } from "../facts.ts";
import { type AlertRule, type Finding, sinceText } from "../rule.ts";

const FAILED_STATES = new Set(["failed", "failedPending", "importBlocked", "importFailed"]);
/** Older failed SABnzbd jobs stay in its history but are no longer news. */
export const FAILED_JOB_WINDOW_MS = 24 * 3600 * 1000;

function arrFailed(download: DownloadFact): boolean {
  const arr = download.arr;
  if (!arr) return false;
  return arr.status === "failed" || arr.trackedDownloadStatus === "error" ||
    FAILED_STATES.has(arr.trackedDownloadState ?? "");
}

export const downloadFailed: AlertRule = {
  name: "download_failed",
  description: "An *arr queue item failed or cannot be imported, or a SABnzbd job failed in the last day",
  defaultThreshold: null,
  thresholdUnit: null,
  defaultCooldownSeconds: 3600,
  enabledByDefault: true,
  evaluate({ facts }) {
    if (facts.downloads === null && facts.failedJobs === null) return { findings: [], memory: null };
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const download of facts.downloads ?? []) {
      if (!arrFailed(download) || !download.arr) continue;
      const arr = download.arr;
      const state = arr.trackedDownloadState ?? arr.status ?? "failed";
      const reasons = arr.messages.length ? arr.messages.slice(0, 4).join("; ") : "no reason given";
      const causes = download.client ? clientCauses(facts, download.client) : [];
      seen.add(download.subject);
      findings.push({
        rule: "download_failed",
        subject: download.subject,
        severity: state.startsWith("import") ? "warning" : "critical",
        message: `${arr.service} download "${arr.title}" is ${state}: ${reasons}.` +
          (causes.length ? ` Also: ${causes.join("; ")}.` : ""),
      });
    }
    for (const job of facts.failedJobs ?? []) {
      if (seen.has(job.subject)) continue;
      if (job.completedAt !== null && facts.now - job.completedAt > FAILED_JOB_WINDOW_MS) continue;
      findings.push({
        rule: "download_failed",
        subject: job.subject,
        severity: "warning",
        message: `SABnzbd job "${job.name}" failed${
          job.completedAt === null ? "" : ` (${sinceText(job.completedAt).replace("since", "at")})`
        }: ${job.reason || "no reason given"}.`,
      });
    }
    return { findings, memory: new Map() };
  },
};
