/** Disk usage of the filesystems holding the stacks dir and the media dir (statfs via mcp/fs/disk_usage.ts). */
import { type FilesystemUsage, filesystemUsage } from "../fs/disk_usage.ts";

export interface DiskStatus {
  label: "stacks" | "media";
  path: string;
  total_bytes: number | null;
  used_bytes: number | null;
  available_bytes: number | null;
  used_percent: number | null;
  /** Why the usage is unknown; null when it is known. */
  error: string | null;
}

export type UsageOf = (path: string) => Promise<FilesystemUsage>;

export async function collectDisks(
  dirs: { stacksDir: string; mediaDir: string },
  usageOf: UsageOf = filesystemUsage,
): Promise<DiskStatus[]> {
  const targets = [{ label: "stacks", path: dirs.stacksDir }, {
    label: "media",
    path: dirs.mediaDir,
  }] as const;
  return await Promise.all(targets.map(async ({ label, path }): Promise<DiskStatus> => {
    try {
      const u = await usageOf(path);
      return {
        label,
        path,
        total_bytes: u.totalBytes,
        used_bytes: u.usedBytes,
        available_bytes: u.availableBytes,
        used_percent: u.usedPercent,
        error: null,
      };
    } catch (e) {
      const reason = (e as { code?: string }).code === "ENOENT" ? "it does not exist" : (e as Error).message;
      return {
        label,
        path,
        total_bytes: null,
        used_bytes: null,
        available_bytes: null,
        used_percent: null,
        error: `Cannot read disk usage of "${path}": ${reason}`,
      };
    }
  }));
}
