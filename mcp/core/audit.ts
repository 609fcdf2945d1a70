/**
 * The audit log: every mutating tool call is recorded as `attempted`, then `succeeded` or `failed`,
 * with redacted arguments, in an embedded SQLite database (`node:sqlite`) in the data dir.
 */
import { DatabaseSync } from "node:sqlite";
import { redactText, redactValue } from "../../shared/redact/mod.ts";
import { summariseForAudit } from "./audit_summary.ts";
import type { Clock } from "./clock.ts";
import type { ConfirmPath } from "./confirm.ts";

export type AuditPhase = "attempted" | "succeeded" | "failed";

export interface AuditRecord {
  /** Ties the phases of one call together. */
  callId: string;
  tool: string;
  phase: AuditPhase;
  /** Stored summarised (`summariseForAudit`) and redacted (`redactValue`). */
  args: unknown;
  /** A short outcome text (error message, summary); secrets known to the log are scrubbed. */
  detail?: string;
  /** For a destructive call: how it was confirmed (absent when it needed no confirmation). */
  confirmedBy?: ConfirmPath;
}

export interface AuditEntry {
  id: number;
  at: string;
  callId: string;
  tool: string;
  phase: AuditPhase;
  /** Redacted arguments as JSON text. */
  args: string;
  detail: string | null;
  confirmedBy: ConfirmPath | null;
}

export interface AuditLog {
  record(entry: AuditRecord): void;
  /** Newest first. */
  recent(limit: number): AuditEntry[];
  close(): void;
}

export interface AuditOptions {
  clock: Clock;
  /** Strings scrubbed from `detail` (the API key, service keys). */
  secrets?: readonly string[];
}

/**
 * Opens (creating if needed) the audit database at `path`; `":memory:"` for tests. Throws when the file is not
 * a usable database (not SQLite, damaged pages, unreadable); audit_open.ts turns that into a recovery.
 */
export function openAuditLog(path: string, options: AuditOptions): AuditLog {
  const db = new DatabaseSync(path);
  try {
    return auditLogOn(db, options);
  } catch (e) {
    db.close();
    throw e;
  }
}

function auditLogOn(db: DatabaseSync, options: AuditOptions): AuditLog {
  // quick_check reads every page once: a damaged file fails here at startup, not on some later insert.
  const check = db.prepare("PRAGMA quick_check(1)").get();
  if (check?.quick_check !== "ok") {
    throw new Error(`integrity check failed: ${String(check?.quick_check).replace(/\s*\n\s*/g, "; ")}`);
  }
  db.exec(`CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    call_id TEXT NOT NULL,
    tool TEXT NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('attempted', 'succeeded', 'failed')),
    args TEXT NOT NULL,
    detail TEXT
  )`);
  // Logs written before confirmations were recorded get the column (NULL for their rows).
  const columns = db.prepare("PRAGMA table_info(audit)").all().map((c) => String(c.name));
  if (!columns.includes("confirmed_by")) db.exec("ALTER TABLE audit ADD COLUMN confirmed_by TEXT");
  const insert = db.prepare(
    "INSERT INTO audit (at, call_id, tool, phase, args, detail, confirmed_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const select = db.prepare(
    "SELECT id, at, call_id, tool, phase, args, detail, confirmed_by FROM audit ORDER BY id DESC LIMIT ?",
  );
  const secrets = options.secrets ?? [];
  return {
    record(entry) {
      const args = redactText(
        JSON.stringify(redactValue(summariseForAudit(entry.args), secrets)) ?? "null",
        secrets,
      );
      const detail = entry.detail === undefined ? null : redactText(entry.detail, secrets);
      insert.run(
        new Date(options.clock.now()).toISOString(),
        entry.callId,
        entry.tool,
        entry.phase,
        args,
        detail,
        entry.confirmedBy ?? null,
      );
    },
    recent(limit) {
      return select.all(limit).map((row) => ({
        id: Number(row.id),
        at: String(row.at),
        callId: String(row.call_id),
        tool: String(row.tool),
        phase: row.phase as AuditPhase,
        args: String(row.args),
        detail: row.detail === null ? null : String(row.detail),
        confirmedBy: row.confirmed_by === null ? null : row.confirmed_by as ConfirmPath,
      }));
    },
    close() {
      db.close();
    },
  };
}
