/** container_unhealthy: a container whose health check reports unhealthy. */
import type { AlertRule, Finding } from "../rule.ts";

export const containerUnhealthy: AlertRule = {
  name: "container_unhealthy",
  description: "A container's health check turned unhealthy",
  defaultThreshold: null,
  thresholdUnit: null,
  defaultCooldownSeconds: 3600,
  enabledByDefault: true,
  evaluate({ facts }) {
    if (facts.containers === null) return { findings: [], memory: null };
    const findings: Finding[] = facts.containers.filter((c) => c.healthStatus === "unhealthy").map((c) => ({
      rule: "container_unhealthy",
      subject: c.name,
      severity: "warning",
      message:
        `Container "${c.name}" (${c.image}) is unhealthy: its health check fails while it is ${c.state}. ` +
        `Its logs (log_read) usually say why.`,
    }));
    return { findings, memory: new Map() };
  },
};
