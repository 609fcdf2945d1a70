/**
 * ARR_POLICY: what flagged content leads to. `confirm` (the default) asks a person to approve content with
 * flags of severity confirm; `strict` refuses such content outright. Notices never stop anything.
 */
import { err, ok, type Result } from "../../shared/result.ts";
import type { PolicyError, PolicyFlag } from "./types.ts";

export type PolicyMode = "confirm" | "strict";
export type PolicyDecision = "allow" | "confirm" | "refuse";

export const POLICY_MODES: readonly PolicyMode[] = ["confirm", "strict"];

/** @param value ARR_POLICY as set; unset or blank is `confirm`, case and surrounding spaces are ignored */
export function parsePolicyMode(value: string | undefined): Result<PolicyMode, PolicyError> {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "") return ok("confirm");
  const mode = POLICY_MODES.find((m) => m === text);
  if (mode !== undefined) return ok(mode);
  return err({ message: `Invalid ARR_POLICY "${value}": expected confirm or strict` });
}

export function policyDecision(flags: readonly PolicyFlag[], mode: PolicyMode): PolicyDecision {
  if (!flags.some((f) => f.severity === "confirm")) return "allow";
  return mode === "strict" ? "refuse" : "confirm";
}
