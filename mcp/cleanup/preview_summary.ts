/** A preview reduced to what the dashboard's cleanup panel shows (pure). */
import type { CleanupSummary } from "../../templates/cleanup_panel.ts";
import { label } from "./delete_plan.ts";
import type { CleanupPreview } from "./preview.ts";
import { isKeepProtection } from "./rules.ts";

/** How many of the largest candidates the panel lists. */
export const SUMMARY_TOP_ITEMS = 5;

export function summarizePreview(preview: CleanupPreview, at: number): CleanupSummary {
  const top = [...preview.candidates]
    .sort((a, b) => b.size_bytes - a.size_bytes || a.file_id - b.file_id)
    .slice(0, SUMMARY_TOP_ITEMS)
    .map((c) => ({ what: label(c), size_bytes: c.size_bytes, watched_by: c.watched_by }));
  return {
    service: preview.service,
    computed_at: new Date(at).toISOString(),
    candidates: preview.candidates.length,
    total_bytes: preview.total_bytes,
    protected: preview.protected.length,
    keep_protected: preview.protected.filter((p) => isKeepProtection(p.why)).length,
    top,
    unreadable: preview.unreadable,
  };
}
