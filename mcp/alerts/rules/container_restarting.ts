/**
 * container_restarting: a container restarted `threshold` times within 10 minutes (its restart count, which
 * the live state store keeps current from Podman's events), or exited non-zero although its restart policy or
 * systemd unit says it should run.
 */
import type { ContainerFact } from "../facts.ts";
import { type AlertRule, type Finding, type Memory, numberOf } from "../rule.ts";

export const RESTART_WINDOW_MS = 10 * 60 * 1000;
/** At most this many restart times are remembered per container. */
const MAX_REMEMBERED = 50;
const SHOULD_RUN_POLICIES = new Set(["always", "on-failure", "unless-stopped"]);

function restartTimes(memory: Memory | undefined): number[] {
  const value = memory?.["restarts"];
  return Array.isArray(value) ? value.filter((t): t is number => typeof t === "number") : [];
}

function shouldRun(c: ContainerFact): boolean {
  return c.systemdUnit !== null || SHOULD_RUN_POLICIES.has(c.restartPolicy ?? "");
}

export const containerRestarting: AlertRule = {
  name: "container_restarting",
  description: "A container restarted N times in 10 minutes, or exited non-zero when it should run",
  defaultThreshold: 3,
  thresholdUnit: "restarts in 10 min",
  minThreshold: 1,
  defaultCooldownSeconds: 3600,
  enabledByDefault: true,
  evaluate({ facts, threshold, previous }) {
    if (facts.containers === null) return { findings: [], memory: null };
    const memory = new Map<string, Memory>();
    const findings: Finding[] = [];
    for (const c of facts.containers) {
      const before = previous.get(c.name);
      const count = numberOf(before, "count");
      // First sight: restarts of a container created within the window all happened within it; older ones
      // cannot be dated, so they are not news.
      const youngAtFirstSight = count === null && c.createdAt !== null &&
        facts.now - c.createdAt <= RESTART_WINDOW_MS;
      const added = count === null
        ? (youngAtFirstSight ? c.restartCount : 0)
        : Math.max(0, c.restartCount - count);
      const times = [
        ...restartTimes(before),
        ...Array.from({ length: Math.min(added, MAX_REMEMBERED) }, () => facts.now),
      ]
        .filter((t) => facts.now - t <= RESTART_WINDOW_MS).slice(-MAX_REMEMBERED);
      memory.set(c.name, { count: c.restartCount, restarts: times });
      const exitedBadly = c.state !== "running" && c.state !== "restarting" && c.exitCode !== null &&
        c.exitCode !== 0 && shouldRun(c);
      const why = c.systemdUnit ? `its unit ${c.systemdUnit}` : `its restart policy "${c.restartPolicy}"`;
      if (times.length >= (threshold ?? 3)) {
        findings.push({
          rule: "container_restarting",
          subject: c.name,
          severity: "critical",
          message:
            `Container "${c.name}" (${c.image}) restarted ${times.length} times in the last 10 minutes ` +
            `(${c.restartCount} in all; now ${c.state}, last exit code ${c.exitCode ?? "unknown"}). ` +
            `It is crash-looping: its logs (log_read) show why.`,
        });
      } else if (exitedBadly) {
        findings.push({
          rule: "container_restarting",
          subject: c.name,
          severity: "critical",
          message: `Container "${c.name}" (${c.image}) exited with code ${c.exitCode}` +
            `${c.finishedAt ? ` at ${c.finishedAt}` : ""} although ${why} says it should run.`,
        });
      }
    }
    return { findings, memory };
  },
};
