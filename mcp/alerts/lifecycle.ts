/**
 * Open alerts against this check's findings: new findings open alerts, repeated ones refresh theirs, and an
 * open alert whose rule ran without finding its subject again resolves. Rules that did not run (disabled, or
 * their facts could not be collected) leave their alerts as they are. Pure.
 */
import type { AlertSeverity } from "../toolkit/alerts_port.ts";
import type { Finding } from "./rule.ts";

export interface OpenAlert {
  id: string;
  rule: string;
  subject: string;
  severity: AlertSeverity;
  message: string;
  firstSeen: number;
  lastSeen: number;
  /** An "opened" notice was queued for it (so its resolution is announced too). */
  notified: boolean;
}

export interface Reconciled {
  opened: Finding[];
  refreshed: Array<{ alert: OpenAlert; finding: Finding }>;
  resolved: OpenAlert[];
}

export const alertKey = (rule: string, subject: string) => `${rule}\u0000${subject}`;

export function reconcile(
  open: readonly OpenAlert[],
  findings: readonly Finding[],
  ranRules: ReadonlySet<string>,
): Reconciled {
  const byKey = new Map(open.map((a) => [alertKey(a.rule, a.subject), a]));
  const found = new Set<string>();
  const opened: Finding[] = [];
  const refreshed: Reconciled["refreshed"] = [];
  for (const finding of findings) {
    const key = alertKey(finding.rule, finding.subject);
    if (found.has(key)) continue;
    found.add(key);
    const alert = byKey.get(key);
    if (alert) refreshed.push({ alert, finding });
    else opened.push(finding);
  }
  const resolved = open.filter((a) => ranRules.has(a.rule) && !found.has(alertKey(a.rule, a.subject)));
  return { opened, refreshed, resolved };
}

/** Whether a new alert for a subject notified at `lastNotifiedAt` may notify again at `now`. Pure. */
export function cooledDown(lastNotifiedAt: number | null, cooldownSeconds: number, now: number): boolean {
  return lastNotifiedAt === null || now - lastNotifiedAt >= cooldownSeconds * 1000;
}
