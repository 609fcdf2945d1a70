/**
 * How risky an upgrade is: the kind sets the floor (digest/build/patch low, minor medium, major high) and the
 * release notes raise it: a line about breaking changes or a required action makes it high, one about a
 * migration or something removed at least medium. Pure.
 */
import type { UpgradeKind } from "./tag_candidate.ts";

export type Risk = "low" | "medium" | "high";

const BY_KIND: Record<UpgradeKind, Risk> = {
  digest: "low",
  build: "low",
  patch: "low",
  minor: "medium",
  major: "high",
};

const HIGH = /\bbreaking\b|\b(?:action|actions) required\b|\brequired action\b/i;
const MEDIUM = /\bmigrat(?:e|es|ed|ion|ions)\b|\bremoved?\b|\bdeprecat(?:ed|ion)\b/i;
const ORDER: Risk[] = ["low", "medium", "high"];
const MAX_FLAGGED = 5;
const MAX_LINE = 200;

export interface RiskVerdict {
  risk: Risk;
  /** The lines of the notes that raised (or would raise) the risk, shortened. */
  flagged: string[];
}

export function riskOf(kind: UpgradeKind, notes: string): RiskVerdict {
  let risk = BY_KIND[kind];
  const flagged: string[] = [];
  for (const raw of notes.split("\n")) {
    const line = raw.trim();
    const level: Risk | null = HIGH.test(line) ? "high" : MEDIUM.test(line) ? "medium" : null;
    if (level === null) continue;
    if (ORDER.indexOf(level) > ORDER.indexOf(risk)) risk = level;
    if (flagged.length < MAX_FLAGGED) {
      flagged.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line);
    }
  }
  return { risk, flagged };
}
