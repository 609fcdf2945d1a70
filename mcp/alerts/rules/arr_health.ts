/** arr_health: each *arr's own health messages (Sonarr/Radarr System → Status), with their wiki links. */
import type { AlertSeverity } from "../../toolkit/alerts_port.ts";
import type { AlertRule, Finding } from "../rule.ts";

const SEVERITY: Record<string, AlertSeverity> = { error: "critical", warning: "warning", notice: "info" };

export const arrHealth: AlertRule = {
  name: "arr_health",
  description: "Health messages of each *arr (indexers, download clients, root folders …) with wiki links",
  defaultThreshold: null,
  thresholdUnit: null,
  defaultCooldownSeconds: 6 * 3600,
  enabledByDefault: true,
  evaluate({ facts }) {
    if (facts.arrHealth === null) return { findings: [], memory: null };
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const item of facts.arrHealth) {
      if (item.type === "ok") continue;
      const subject = `${item.service}:${item.source}`;
      if (seen.has(subject)) continue;
      seen.add(subject);
      findings.push({
        rule: "arr_health",
        subject,
        severity: SEVERITY[item.type] ?? "warning",
        message: `${item.service} health (${item.source}): ${item.message}` +
          (item.wikiUrl ? ` See ${item.wikiUrl}` : ""),
      });
    }
    return { findings, memory: new Map() };
  },
};
