/**
 * A rule is data plus one pure function: facts (and what the rule remembered per subject last time) in,
 * findings (and what to remember now) out. Cooldowns, persistence and delivery are the engine's business.
 */
import type { AlertSeverity } from "../toolkit/alerts_port.ts";
import type { AlertFacts } from "./facts.ts";

export interface Finding {
  rule: string;
  /** What it is about: a download id, container name, service name or path. State is kept per subject. */
  subject: string;
  severity: AlertSeverity;
  message: string;
}

/** Per-subject memory, stored as JSON between checks and restarts. */
export type Memory = Readonly<Record<string, unknown>>;

export interface RuleInput {
  facts: AlertFacts;
  threshold: number | null;
  /** What the rule remembered last check, by subject. */
  previous: ReadonlyMap<string, Memory>;
}

export interface RuleOutput {
  findings: Finding[];
  /**
   * What to remember, by subject; subjects left out are forgotten. Null keeps `previous` as it was (the facts
   * this rule needs were not collected this time, so nothing is known to have changed).
   */
  memory: Map<string, Memory> | null;
}

export interface AlertRule {
  name: string;
  description: string;
  /** Null for rules without a threshold. */
  defaultThreshold: number | null;
  thresholdUnit: string | null;
  /** Smallest threshold accepted by alert_rule_set. */
  minThreshold?: number;
  defaultCooldownSeconds: number;
  enabledByDefault: boolean;
  evaluate(input: RuleInput): RuleOutput;
}

/** A finding's message line naming when a subject was first or last seen, e.g. "since 2026-11-22 04:00 UTC". */
export function sinceText(ms: number): string {
  return `since ${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function numberOf(memory: Memory | undefined, key: string): number | null {
  const value = memory?.[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
