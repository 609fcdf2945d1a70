/**
 * The alert engine: one check = collect facts → run each enabled rule with its per-subject memory → open,
 * refresh and resolve alerts → queue notices (per-subject cooldown, quiet hours) → hand them to the
 * dispatcher without waiting for it. Checks never overlap: a second caller joins the running one.
 */
import { err, ok, type Result } from "../../shared/result.ts";
import type { Clock } from "../core/clock.ts";
import type {
  AlertCheckReport,
  AlertRulePatch,
  AlertRuleView,
  AlertsPort,
  NotifyOutcome,
} from "../toolkit/alerts_port.ts";
import type { AlertStore, RuleSetting } from "./alert_store.ts";
import type { AlertFacts } from "./facts.ts";
import { cooledDown, reconcile } from "./lifecycle.ts";
import type { Dispatcher } from "./notify/dispatcher.ts";
import { type Channel, noticeFor, testNotice } from "./notify/notice.ts";
import { sendNotice, type SendOptions } from "./notify/send.ts";
import { localOffsetMinutes, type QuietHours, quietUntil } from "./quiet_hours.ts";
import type { AlertRule, Finding } from "./rule.ts";

export interface AlertEngineOptions {
  store: AlertStore;
  rules: readonly AlertRule[];
  collect: () => Promise<AlertFacts>;
  clock: Clock;
  channels: readonly Channel[];
  dispatcher: Dispatcher;
  send: SendOptions;
  quietHours: QuietHours | null;
  /** @default the host's local offset */
  offsetMinutes?: (ms: number) => number;
}

export interface AlertEngine extends AlertsPort {
  /** Resolves when the notices queued so far had their delivery runs (tests, shutdown). */
  delivered(): Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function createAlertEngine(options: AlertEngineOptions): AlertEngine {
  const { store, clock } = options;
  const channelKeys = options.channels.map((c) => c.key);
  let running: Promise<AlertCheckReport> | undefined;
  let delivering: Promise<void> = Promise.resolve();

  const setting = (rule: AlertRule, saved: Map<string, RuleSetting>): RuleSetting =>
    saved.get(rule.name) ?? {
      enabled: rule.enabledByDefault,
      threshold: rule.defaultThreshold,
      cooldownSeconds: rule.defaultCooldownSeconds,
    };

  const view = (rule: AlertRule, s: RuleSetting): AlertRuleView => ({
    name: rule.name,
    description: rule.description,
    enabled: s.enabled,
    threshold: rule.defaultThreshold === null ? null : s.threshold,
    threshold_unit: rule.thresholdUnit,
    cooldown_seconds: s.cooldownSeconds,
  });

  const queueNotice = (kind: "opened" | "resolved", alertId: string, now: number) => {
    const alert = store.get(alertId);
    if (!alert || channelKeys.length === 0) return;
    const hold = alert.severity === "critical"
      ? null
      : quietUntil(options.quietHours, now, (options.offsetMinutes ?? localOffsetMinutes)(now));
    store.addNotice(noticeFor(kind, alert, iso(now)), channelKeys, now, hold);
  };

  const check = async (): Promise<AlertCheckReport> => {
    const facts = await options.collect();
    const now = facts.now;
    const saved = store.ruleSettings();
    const findings: Finding[] = [];
    const ran = new Set<string>();
    const memories = new Map<string, Map<string, Record<string, unknown>>>();
    for (const rule of options.rules) {
      const s = setting(rule, saved);
      if (!s.enabled) continue;
      const out = rule.evaluate({ facts, threshold: s.threshold, previous: store.memory(rule.name) });
      if (out.memory === null) continue;
      ran.add(rule.name);
      memories.set(rule.name, out.memory as Map<string, Record<string, unknown>>);
      findings.push(...out.findings);
    }
    const changes = reconcile(store.openAlerts(), findings, ran);
    store.transaction(() => {
      for (const [rule, memory] of memories) store.replaceMemory(rule, memory);
      for (const finding of changes.opened) {
        const rule = options.rules.find((r) => r.name === finding.rule);
        const cooldown = rule ? setting(rule, saved).cooldownSeconds : 0;
        const notify = cooledDown(store.lastNotified(finding.rule, finding.subject), cooldown, now);
        const id = store.insertAlert(finding, now, notify);
        if (notify) {
          store.setLastNotified(finding.rule, finding.subject, now);
          queueNotice("opened", id, now);
        }
      }
      for (const { alert, finding } of changes.refreshed) store.refreshAlert(alert.id, finding, now);
      for (const alert of changes.resolved) {
        store.resolveAlert(alert.id, now);
        if (alert.notified) queueNotice("resolved", alert.id, now);
      }
      store.prune(now);
    });
    deliver();
    return {
      checked_at: iso(now),
      findings: findings.map(({ rule, subject, severity, message }) => ({
        rule,
        subject,
        severity,
        message,
      })),
      opened: changes.opened.length,
      resolved: changes.resolved.length,
      problems: facts.problems,
    };
  };

  const deliver = () => {
    const run = options.dispatcher.flush();
    delivering = Promise.all([delivering, run]).then(() => {});
  };

  return {
    checkNow() {
      running ??= check().finally(() => {
        running = undefined;
      });
      return running;
    },
    recent: (state, limit) => store.list(state, limit),
    rules() {
      const saved = store.ruleSettings();
      return options.rules.map((rule) => view(rule, setting(rule, saved)));
    },
    setRule(name: string, patch: AlertRulePatch): Result<AlertRuleView, string> {
      const rule = options.rules.find((r) => r.name === name);
      if (!rule) {
        return err(
          `Unknown alert rule "${name}": expected one of ${options.rules.map((r) => r.name).join(", ")}`,
        );
      }
      if (patch.threshold !== undefined) {
        if (rule.defaultThreshold === null) return err(`Rule "${name}" has no threshold`);
        if (patch.threshold < (rule.minThreshold ?? 0)) {
          return err(`Threshold of "${name}" must be at least ${rule.minThreshold ?? 0}`);
        }
      }
      const current = setting(rule, store.ruleSettings());
      const next: RuleSetting = {
        enabled: patch.enabled ?? current.enabled,
        threshold: patch.threshold ?? current.threshold,
        cooldownSeconds: patch.cooldown_seconds ?? current.cooldownSeconds,
      };
      const now = clock.now();
      store.transaction(() => {
        store.setRuleSetting(name, next);
        // A disabled rule's alerts end quietly: nobody watches them any more.
        if (!next.enabled) {
          for (const alert of store.openAlerts().filter((a) => a.rule === name)) {
            store.resolveAlert(alert.id, now);
          }
          store.replaceMemory(name, new Map());
        }
      });
      return ok(view(rule, next));
    },
    async notifyTest(): Promise<NotifyOutcome[]> {
      const notice = testNotice(iso(clock.now()));
      return await Promise.all(options.channels.map((c) => sendNotice(c, notice, options.send)));
    },
    progressOf(downloadId: string) {
      const memory = store.memoryOf("stuck_download", downloadId.toLowerCase());
      if (!memory) return undefined;
      const last = memory["lastProgressAt"];
      const strikes = memory["strikes"];
      return {
        lastProgressAt: typeof last === "number" ? last : null,
        strikes: typeof strikes === "number" ? strikes : 0,
      };
    },
    delivered: () => delivering,
  };
}
