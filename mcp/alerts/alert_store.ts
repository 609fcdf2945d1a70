/**
 * Alerts, rule settings, rule memory (strikes …), notices and their delivery per channel, in SQLite
 * (`alerts.db` in the data dir, node:sqlite like the audit log). Survives restarts: strikes carry over and a
 * notice delivered (or being delivered) is never sent again. Channels are named by the sha256 of their URL.
 */
import { DatabaseSync } from "node:sqlite";
import type { AlertSeverity, AlertStateFilter, AlertView } from "../toolkit/alerts_port.ts";
import type { OpenAlert } from "./lifecycle.ts";
import type { Notice } from "./notify/notice.ts";
import type { Finding, Memory } from "./rule.ts";

export const HISTORY_DAYS = 30;

export interface RuleSetting {
  enabled: boolean;
  threshold: number | null;
  cooldownSeconds: number;
}

export interface PendingDelivery {
  noticeId: number;
  channel: string;
  notice: Notice;
  attempts: number;
}

export type DeliveryStatus = "pending" | "sending" | "sent" | "failed" | "abandoned";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS alerts (
  id TEXT PRIMARY KEY, rule TEXT NOT NULL, subject TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,
  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, resolved_at INTEGER, notified INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_open ON alerts (resolved_at);
CREATE TABLE IF NOT EXISTS rule_settings (
  rule TEXT PRIMARY KEY, enabled INTEGER NOT NULL, threshold REAL, cooldown_s INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rule_memory (
  rule TEXT NOT NULL, subject TEXT NOT NULL, memory TEXT NOT NULL, PRIMARY KEY (rule, subject)
);
CREATE TABLE IF NOT EXISTS last_notified (
  rule TEXT NOT NULL, subject TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (rule, subject)
);
CREATE TABLE IF NOT EXISTS notices (
  id INTEGER PRIMARY KEY AUTOINCREMENT, alert_id TEXT, notice TEXT NOT NULL, created_at INTEGER NOT NULL,
  hold_until INTEGER
);
CREATE TABLE IF NOT EXISTS deliveries (
  notice_id INTEGER NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
  error TEXT, updated_at INTEGER NOT NULL, PRIMARY KEY (notice_id, channel)
);
CREATE INDEX IF NOT EXISTS deliveries_status ON deliveries (status);
`;

export class AlertStore {
  readonly #db: DatabaseSync;

  /**
   * `":memory:"` for tests. Throws when the file is not a usable database (open_alert_store.ts recovers).
   * Deliveries left `sending` by a crash are abandoned: at most once per channel.
   */
  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    try {
      // As the audit log does: a damaged file fails here at startup, not on some later write.
      const check = this.#db.prepare("PRAGMA quick_check(1)").get();
      if (check?.quick_check !== "ok") {
        throw new Error(`integrity check failed: ${String(check?.quick_check)}`);
      }
      this.#db.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 2000;");
      this.#db.exec(SCHEMA);
    } catch (e) {
      this.#db.close();
      throw e;
    }
    this.#db.prepare("UPDATE deliveries SET status = 'abandoned' WHERE status = 'sending'").run();
  }

  close(): void {
    this.#db.close();
  }

  /** Runs `body` in one transaction. */
  transaction<T>(body: () => T): T {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const value = body();
      this.#db.exec("COMMIT");
      return value;
    } catch (e) {
      this.#db.exec("ROLLBACK");
      throw e;
    }
  }

  openAlerts(): OpenAlert[] {
    return this.#db.prepare("SELECT * FROM alerts WHERE resolved_at IS NULL ORDER BY first_seen").all()
      .map((row) => ({
        id: String(row.id),
        rule: String(row.rule),
        subject: String(row.subject),
        severity: String(row.severity) as AlertSeverity,
        message: String(row.message),
        firstSeen: Number(row.first_seen),
        lastSeen: Number(row.last_seen),
        notified: Number(row.notified) === 1,
      }));
  }

  insertAlert(finding: Finding, now: number, notified: boolean): string {
    const id = `al_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
    this.#db.prepare(
      "INSERT INTO alerts (id, rule, subject, severity, message, first_seen, last_seen, resolved_at, notified) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)",
    ).run(id, finding.rule, finding.subject, finding.severity, finding.message, now, now, notified ? 1 : 0);
    return id;
  }

  refreshAlert(id: string, finding: Finding, now: number): void {
    this.#db.prepare("UPDATE alerts SET severity = ?, message = ?, last_seen = ? WHERE id = ?")
      .run(finding.severity, finding.message, now, id);
  }

  resolveAlert(id: string, now: number): void {
    this.#db.prepare("UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL").run(now, id);
  }

  get(id: string): AlertView | undefined {
    const row = this.#db.prepare("SELECT * FROM alerts WHERE id = ?").get(id);
    return row ? alertView(row) : undefined;
  }

  list(state: AlertStateFilter, limit: number): AlertView[] {
    const where = state === "open"
      ? "WHERE resolved_at IS NULL"
      : state === "resolved"
      ? "WHERE resolved_at IS NOT NULL"
      : "";
    return this.#db.prepare(`SELECT * FROM alerts ${where} ORDER BY last_seen DESC, first_seen DESC LIMIT ?`)
      .all(limit).map(alertView);
  }

  ruleSettings(): Map<string, RuleSetting> {
    return new Map(
      this.#db.prepare("SELECT * FROM rule_settings").all().map((row) => [String(row.rule), {
        enabled: Number(row.enabled) === 1,
        threshold: row.threshold === null ? null : Number(row.threshold),
        cooldownSeconds: Number(row.cooldown_s),
      }]),
    );
  }

  setRuleSetting(rule: string, setting: RuleSetting): void {
    this.#db.prepare(
      "INSERT INTO rule_settings (rule, enabled, threshold, cooldown_s) VALUES (?, ?, ?, ?) " +
        "ON CONFLICT (rule) DO UPDATE SET enabled = excluded.enabled, threshold = excluded.threshold, " +
        "cooldown_s = excluded.cooldown_s",
    ).run(rule, setting.enabled ? 1 : 0, setting.threshold, setting.cooldownSeconds);
  }

  memory(rule: string): Map<string, Memory> {
    return new Map(
      this.#db.prepare("SELECT subject, memory FROM rule_memory WHERE rule = ?").all(rule).map(
        (row) => [String(row.subject), JSON.parse(String(row.memory)) as Memory],
      ),
    );
  }

  memoryOf(rule: string, subject: string): Memory | undefined {
    const row = this.#db.prepare("SELECT memory FROM rule_memory WHERE rule = ? AND subject = ?").get(
      rule,
      subject,
    );
    return row ? JSON.parse(String(row.memory)) as Memory : undefined;
  }

  replaceMemory(rule: string, memory: ReadonlyMap<string, Memory>): void {
    this.#db.prepare("DELETE FROM rule_memory WHERE rule = ?").run(rule);
    const insert = this.#db.prepare("INSERT INTO rule_memory (rule, subject, memory) VALUES (?, ?, ?)");
    for (const [subject, value] of memory) insert.run(rule, subject, JSON.stringify(value));
  }

  lastNotified(rule: string, subject: string): number | null {
    const row = this.#db.prepare("SELECT at FROM last_notified WHERE rule = ? AND subject = ?").get(
      rule,
      subject,
    );
    return row ? Number(row.at) : null;
  }

  setLastNotified(rule: string, subject: string, at: number): void {
    this.#db.prepare(
      "INSERT INTO last_notified (rule, subject, at) VALUES (?, ?, ?) ON CONFLICT (rule, subject) DO UPDATE SET at = ?",
    ).run(rule, subject, at, at);
  }

  /** Queues `notice` for every channel; `holdUntil` keeps it back until then (quiet hours). */
  addNotice(notice: Notice, channels: readonly string[], now: number, holdUntil: number | null): number {
    const result = this.#db.prepare(
      "INSERT INTO notices (alert_id, notice, created_at, hold_until) VALUES (?, ?, ?, ?)",
    ).run(notice.alert?.id ?? null, JSON.stringify(notice), now, holdUntil);
    const id = Number(result.lastInsertRowid);
    const insert = this.#db.prepare(
      "INSERT INTO deliveries (notice_id, channel, status, attempts, error, updated_at) VALUES (?, ?, 'pending', 0, NULL, ?)",
    );
    for (const channel of channels) insert.run(id, channel, now);
    return id;
  }

  /** Pending deliveries for `channel` whose hold has passed, oldest first. */
  due(channel: string, now: number, limit: number): PendingDelivery[] {
    return this.#db.prepare(
      "SELECT d.notice_id, d.attempts, n.notice FROM deliveries d JOIN notices n ON n.id = d.notice_id " +
        "WHERE d.channel = ? AND d.status = 'pending' AND (n.hold_until IS NULL OR n.hold_until <= ?) " +
        "ORDER BY d.notice_id LIMIT ?",
    ).all(channel, now, limit).map((row) => ({
      noticeId: Number(row.notice_id),
      channel,
      notice: JSON.parse(String(row.notice)) as Notice,
      attempts: Number(row.attempts),
    }));
  }

  markDelivery(
    noticeId: number,
    channel: string,
    status: DeliveryStatus,
    attempts: number,
    error: string | null,
    now: number,
  ): void {
    this.#db.prepare(
      "UPDATE deliveries SET status = ?, attempts = ?, error = ?, updated_at = ? WHERE notice_id = ? AND channel = ?",
    ).run(status, attempts, error, now, noticeId, channel);
  }

  deliveryCounts(): Record<DeliveryStatus, number> {
    const counts: Record<DeliveryStatus, number> = {
      pending: 0,
      sending: 0,
      sent: 0,
      failed: 0,
      abandoned: 0,
    };
    for (
      const row of this.#db.prepare("SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status").all()
    ) {
      counts[String(row.status) as DeliveryStatus] = Number(row.n);
    }
    return counts;
  }

  /** Forgets resolved alerts, notices and deliveries older than `HISTORY_DAYS`. */
  prune(now: number): void {
    const before = now - HISTORY_DAYS * 24 * 3600 * 1000;
    this.#db.prepare("DELETE FROM alerts WHERE resolved_at IS NOT NULL AND resolved_at < ?").run(before);
    this.#db.prepare(
      "DELETE FROM deliveries WHERE notice_id IN (SELECT id FROM notices WHERE created_at < ?)",
    ).run(before);
    this.#db.prepare("DELETE FROM notices WHERE created_at < ?").run(before);
    this.#db.prepare("DELETE FROM last_notified WHERE at < ?").run(before);
  }
}

function iso(ms: unknown): string {
  return new Date(Number(ms)).toISOString();
}

function alertView(row: Record<string, unknown>): AlertView {
  return {
    id: String(row.id),
    rule: String(row.rule),
    subject: String(row.subject),
    severity: String(row.severity) as AlertSeverity,
    message: String(row.message),
    first_seen: iso(row.first_seen),
    last_seen: iso(row.last_seen),
    resolved_at: row.resolved_at === null ? null : iso(row.resolved_at),
  };
}
