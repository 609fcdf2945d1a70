/**
 * The health gate after a container was recreated: it passes when the container runs the expected image and is
 * healthy, or (without a health check) has kept running for the gate's seconds since it last started. An exited
 * or unhealthy container, or another image, fails at once; anything else waits until the deadline. The verdict
 * is pure; `waitForGate` polls with an injected clock and sleep.
 */
import type { Result } from "../../../shared/result.ts";
import type { ContainerObservation } from "./podman_images.ts";

export type GateVerdict = { kind: "pass"; reason: string } | { kind: "fail"; reason: string } | {
  kind: "wait";
  reason: string;
};

export interface GateRule {
  /** The image id the recreated container must run. */
  imageId: string;
  /** Seconds a container without a health check must keep running. */
  gateS: number;
}

export function gateVerdict(seen: ContainerObservation | null, rule: GateRule, nowMs: number): GateVerdict {
  if (seen === null) return { kind: "wait", reason: "the container does not exist (yet)" };
  if (seen.imageId !== rule.imageId) {
    return {
      kind: "fail",
      reason: `it runs image ${seen.imageId.slice(0, 12)}, not ${rule.imageId.slice(0, 12)}`,
    };
  }
  if (!seen.running) {
    return seen.state === "created" || seen.state === "configured"
      ? { kind: "wait", reason: `it is ${seen.state}, not started yet` }
      : { kind: "fail", reason: `it is ${seen.state}, not running` };
  }
  if (seen.health === "healthy") return { kind: "pass", reason: "it runs and its health check passes" };
  if (seen.health === "unhealthy") return { kind: "fail", reason: "its health check fails" };
  if (seen.health !== null) return { kind: "wait", reason: `its health check is ${seen.health}` };
  const started = seen.startedAt === null ? NaN : Date.parse(seen.startedAt);
  const upS = Number.isNaN(started) ? 0 : (nowMs - started) / 1000;
  return upS >= rule.gateS
    ? { kind: "pass", reason: `it has run for ${Math.floor(upS)} s (no health check)` }
    : {
      kind: "wait",
      reason: `it has run for ${Math.max(0, Math.floor(upS))} s of ${rule.gateS} (no health check)`,
    };
}

export interface GateWait {
  observe(): Promise<Result<ContainerObservation | null, string>>;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * How long the gate waits in all: the running period, or a health check's start, plus a margin.
 * @default max(120 s, 2 × gate)
 */
export function gateDeadlineS(gateS: number): number {
  return Math.max(120, 2 * gateS);
}

/** Polls every second until a verdict other than `wait`, or fails with the last reason at the deadline. */
export async function waitForGate(
  io: GateWait,
  rule: GateRule,
  options: { deadlineS?: number; pollMs?: number } = {},
): Promise<Result<string, string>> {
  const start = io.now();
  const deadline = start + (options.deadlineS ?? gateDeadlineS(rule.gateS)) * 1000;
  for (;;) {
    const seen = await io.observe();
    if (!seen.ok) return { ok: false, error: seen.error };
    const now = io.now();
    const verdict = gateVerdict(seen.value, rule, now);
    if (verdict.kind === "pass") return { ok: true, value: verdict.reason };
    if (verdict.kind === "fail") return { ok: false, error: verdict.reason };
    if (now >= deadline) {
      return { ok: false, error: `not ready after ${Math.round((now - start) / 1000)} s: ${verdict.reason}` };
    }
    await io.sleep(options.pollMs ?? 1000);
  }
}
