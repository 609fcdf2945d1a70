/**
 * watched_cleanup_delete: which files a person chose (a subset of the current candidates, by file id), and
 * carrying it out item by item: unmonitor first (so Sonarr/Radarr do not fetch it again), then delete the
 * file; a failed unmonitor skips that file's delete.
 */
import { err, ok, type Result } from "../../shared/result.ts";
import type { RadarrClient } from "../clients/media/radarr.ts";
import type { ServiceResult } from "../clients/media/service_error.ts";
import type { SonarrClient } from "../clients/media/sonarr.ts";
import type { CleanupService } from "./cleanup_facts.ts";
import type { CleanupPreview, PreviewItem } from "./preview.ts";

/** What the confirm token binds: the exact files, their episodes/movies and sizes. */
export interface CleanupOperation {
  service: CleanupService;
  items: { file_id: number; item_id: number; size_bytes: number; path: string }[];
}

export interface DeleteOutcome {
  file_id: number;
  path: string;
  size_bytes: number;
  status: "deleted" | "unmonitor_failed" | "delete_failed";
  message?: string;
}

/** The chosen files, each a current candidate; otherwise an error saying, per file, what changed. */
export function chooseFiles(
  preview: CleanupPreview,
  fileIds: readonly number[],
): Result<CleanupOperation, string> {
  if (preview.unreadable.length > 0) {
    return err(`Nothing deleted: could not read ${preview.unreadable.join("; ")}`);
  }
  const candidates = new Map(preview.candidates.map((c) => [c.file_id, c]));
  const protectedFiles = new Map(preview.protected.map((p) => [p.file_id, p]));
  const changed: string[] = [];
  for (const id of new Set(fileIds)) {
    if (candidates.has(id)) continue;
    const kept = protectedFiles.get(id);
    changed.push(
      kept
        ? `file ${id} (${label(kept)}) is now protected: ${kept.why}`
        : `file ${id} is no longer a candidate`,
    );
  }
  if (changed.length > 0) {
    return err(`Nothing deleted, the library changed since the preview: ${changed.join("; ")}`);
  }
  const items = [...new Set(fileIds)].map((id) => candidates.get(id)!).map((c) => ({
    file_id: c.file_id,
    item_id: (c.episode_id ?? c.movie_id)!,
    size_bytes: c.size_bytes,
    path: c.path,
  }));
  return ok({ service: preview.service, items });
}

export function label(item: PreviewItem): string {
  return item.movie ?? `${item.series} S${item.season ?? "?"}E${item.episode ?? "?"}`;
}

export type DeleteClient =
  | { service: "sonarr"; client: Pick<SonarrClient, "setEpisodesMonitored" | "deleteEpisodeFile"> }
  | { service: "radarr"; client: Pick<RadarrClient, "setMoviesMonitored" | "deleteMovieFile"> };

export async function deleteChosen(
  target: DeleteClient,
  operation: CleanupOperation,
): Promise<DeleteOutcome[]> {
  const outcomes: DeleteOutcome[] = [];
  for (const item of operation.items) {
    const unmonitor: ServiceResult<void> = target.service === "sonarr"
      ? await target.client.setEpisodesMonitored([item.item_id], false)
      : await target.client.setMoviesMonitored([item.item_id], false);
    const base = { file_id: item.file_id, path: item.path, size_bytes: item.size_bytes };
    if (!unmonitor.ok) {
      outcomes.push({ ...base, status: "unmonitor_failed", message: unmonitor.error.message });
      continue;
    }
    const deleted = target.service === "sonarr"
      ? await target.client.deleteEpisodeFile(item.file_id)
      : await target.client.deleteMovieFile(item.file_id);
    outcomes.push(
      deleted.ok
        ? { ...base, status: "deleted" }
        : { ...base, status: "delete_failed", message: deleted.error.message },
    );
  }
  return outcomes;
}
