/** Facts and downloads for alert rule tests, built by hand. */
import { type AlertFacts, type DownloadFact, emptyFacts } from "../../../../mcp/alerts/facts.ts";
import type { AlertRule, Memory, RuleOutput } from "../../../../mcp/alerts/rule.ts";

export const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);

export function facts(overrides: Partial<AlertFacts> = {}, now = T0): AlertFacts {
  return { ...emptyFacts(now), ...overrides };
}

export function download(
  subject: string,
  doneBytes: number | null,
  more: Partial<DownloadFact> = {},
): DownloadFact {
  return {
    subject,
    name: `Name of ${subject}`,
    client: "qbittorrent",
    state: "stalledDL",
    doneBytes,
    totalBytes: 1000,
    waiting: false,
    arr: null,
    ...more,
  };
}

/** Runs `rule` over a sequence of facts, carrying memory between checks as the engine does. */
export function runChecks(
  rule: AlertRule,
  sequence: readonly AlertFacts[],
  threshold: number | null = rule.defaultThreshold,
): RuleOutput[] {
  let previous = new Map<string, Memory>();
  return sequence.map((f) => {
    const out = rule.evaluate({ facts: f, threshold, previous });
    if (out.memory) previous = out.memory;
    return out;
  });
}
