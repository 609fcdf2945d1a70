/**
 * What the alerts room (mcp/alerts/) offers the rest of the server through `ToolDeps.alerts`: the alert tools,
 * `/api/status` and download_clients read it. Defined here, below the rooms, so a room other than alerts and
 * the dashboard can use it without importing the alerts room.
 */
import type { Result } from "../../shared/result.ts";

export type AlertSeverity = "info" | "warning" | "critical";
export type AlertStateFilter = "open" | "resolved" | "all";

export interface AlertView {
  id: string;
  rule: string;
  subject: string;
  severity: AlertSeverity;
  /** Written for a person: what, where, since when, the likely cause. */
  message: string;
  /** ISO times. */
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
}

export interface AlertRuleView {
  name: string;
  description: string;
  enabled: boolean;
  /** Null for rules without a threshold. */
  threshold: number | null;
  threshold_unit: string | null;
  cooldown_seconds: number;
}

export interface AlertRulePatch {
  enabled?: boolean;
  threshold?: number;
  cooldown_seconds?: number;
}

export interface AlertFindingView {
  rule: string;
  subject: string;
  severity: AlertSeverity;
  message: string;
}

export interface AlertCheckReport {
  checked_at: string;
  findings: AlertFindingView[];
  opened: number;
  resolved: number;
  /** Facts that could not be collected (a service unreachable …); the rules ran on the rest. */
  problems: string[];
}

export interface NotifyOutcome {
  /** Scheme and host only, never the secret part. */
  channel: string;
  ok: boolean;
  attempts: number;
  error: string | null;
}

/** What the watcher knows of one download's progress (by download id: info hash or nzo_id, lower case). */
export interface DownloadProgress {
  /** Epoch ms of the last check that saw bytes done go up; null when never seen moving. */
  lastProgressAt: number | null;
  /** Consecutive checks without progress. */
  strikes: number;
}

export interface AlertsPort {
  recent(state: AlertStateFilter, limit: number): AlertView[];
  /** Runs every enabled rule now (joining a check already running). */
  checkNow(): Promise<AlertCheckReport>;
  rules(): AlertRuleView[];
  setRule(name: string, patch: AlertRulePatch): Result<AlertRuleView, string>;
  /** Sends a test message to every channel and reports each outcome. */
  notifyTest(): Promise<NotifyOutcome[]>;
  progressOf(downloadId: string): DownloadProgress | undefined;
}
