/**
 * What flagged content leads to under ARR_POLICY (parsed in mcp/core/policy_mode.ts, beside the config).
 * Notices never stop anything.
 */
import type { PolicyMode } from "../core/policy_mode.ts";
import type { PolicyFlag } from "./types.ts";

export type PolicyDecision = "allow" | "confirm" | "refuse";

export function policyDecision(flags: readonly PolicyFlag[], mode: PolicyMode): PolicyDecision {
  if (!flags.some((f) => f.severity === "confirm")) return "allow";
  return mode === "strict" ? "refuse" : "confirm";
}
