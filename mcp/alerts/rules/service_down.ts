/** service_down: a configured media service failed its API check `threshold` checks in a row. */
import { type AlertRule, type Finding, type Memory, numberOf, sinceText } from "../rule.ts";

export const serviceDown: AlertRule = {
  name: "service_down",
  description: "A configured service failed its API check N times in a row",
  defaultThreshold: 3,
  thresholdUnit: "checks",
  minThreshold: 1,
  defaultCooldownSeconds: 3600,
  enabledByDefault: true,
  evaluate({ facts, threshold, previous }) {
    if (facts.services === null) return { findings: [], memory: null };
    const memory = new Map<string, Memory>();
    const findings: Finding[] = [];
    for (const service of facts.services) {
      if (service.healthy) continue;
      const before = previous.get(service.service);
      const failures = (numberOf(before, "failures") ?? 0) + 1;
      const since = numberOf(before, "since") ?? facts.now;
      memory.set(service.service, { failures, since });
      if (failures < (threshold ?? 3)) continue;
      findings.push({
        rule: "service_down",
        subject: service.service,
        severity: "critical",
        message: `${service.service} is down: ${failures} failed checks in a row, ${sinceText(since)}. ` +
          `Last error: ${service.error ?? "unknown"}.`,
      });
    }
    return { findings, memory };
  },
};
