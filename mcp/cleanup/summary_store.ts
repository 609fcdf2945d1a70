/**
 * The last full preview's summary per service, in `cleanup.db` beside the keep marks: the dashboard's cleanup
 * panel reads it on each page load instead of running a preview. Written by the background preview and by
 * watched_cleanup_preview when it ran with the default rules over the whole library.
 */
import { DatabaseSync } from "node:sqlite";
import type { CleanupSummary } from "../../templates/cleanup_panel.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import { INTEREST_DB } from "./interest_store.ts";

function open<T>(dataDir: string, use: (db: DatabaseSync) => T): Result<T, string> {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(`${dataDir.replace(/\/+$/, "")}/${INTEREST_DB}`);
    db.exec(`CREATE TABLE IF NOT EXISTS preview_summary (
      service TEXT PRIMARY KEY CHECK (service IN ('sonarr', 'radarr')),
      summary TEXT NOT NULL
    )`);
    return ok(use(db));
  } catch (e) {
    return err(`Cleanup summaries (${INTEREST_DB}): ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    db?.close();
  }
}

export function saveSummary(dataDir: string, summary: CleanupSummary): Result<void, string> {
  return open(dataDir, (db) => {
    db.prepare(
      "INSERT INTO preview_summary (service, summary) VALUES (?, ?) " +
        "ON CONFLICT (service) DO UPDATE SET summary = excluded.summary",
    ).run(summary.service, JSON.stringify(summary));
  });
}

/** Sonarr first, then Radarr; none before any full preview ran. */
export function loadSummaries(dataDir: string): Result<CleanupSummary[], string> {
  return open(dataDir, (db) =>
    db.prepare("SELECT summary FROM preview_summary ORDER BY service DESC").all()
      .map((row) => JSON.parse(String(row.summary)) as CleanupSummary));
}
