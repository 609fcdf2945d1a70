/**
 * disk_space: free space under max(threshold % of the disk, 20 GiB) on the media dir, the stacks dir, each
 * *arr's root folders and the download clients' disks. Where only free space is known (qBittorrent), the
 * 20 GiB floor applies alone.
 */
import { formatBytes } from "../../../templates/format.ts";
import type { AlertRule, Finding } from "../rule.ts";

export const DISK_FLOOR_BYTES = 20 * 1024 ** 3;

/** The free space under which a disk of `totalBytes` is short. Pure. */
export function diskLimit(totalBytes: number | null, percent: number): number {
  return Math.max(totalBytes === null ? 0 : (totalBytes * percent) / 100, DISK_FLOOR_BYTES);
}

export const diskSpace: AlertRule = {
  name: "disk_space",
  description:
    "Free space under max(threshold %, 20 GiB) on media, stacks, *arr root folders, download disks",
  defaultThreshold: 10,
  thresholdUnit: "percent",
  minThreshold: 0,
  defaultCooldownSeconds: 6 * 3600,
  enabledByDefault: true,
  evaluate({ facts, threshold }) {
    if (facts.disks === null) return { findings: [], memory: null };
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const disk of facts.disks) {
      if (seen.has(disk.path)) continue;
      seen.add(disk.path);
      const limit = diskLimit(disk.totalBytes, threshold ?? 10);
      if (disk.freeBytes >= limit) continue;
      const of = disk.totalBytes === null ? "" : ` of ${formatBytes(disk.totalBytes)}`;
      findings.push({
        rule: "disk_space",
        subject: disk.path,
        severity: disk.freeBytes < limit / 4 ? "critical" : "warning",
        message:
          `Low disk space on ${disk.path} (${disk.where}): ${formatBytes(disk.freeBytes)} free${of}, ` +
          `under the ${formatBytes(limit)} limit. Downloads and imports stop when it fills up.`,
      });
    }
    return { findings, memory: new Map() };
  },
};
