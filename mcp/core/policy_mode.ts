/**
 * ARR_POLICY: what content the policy flags leads to. `confirm` (the default) asks a person to approve content
 * with flags of severity confirm; `strict` refuses such content outright. Parsed here, on the config's floor;
 * the policy itself (mcp/policy/) decides with it.
 */
import { err, ok, type Result } from "../../shared/result.ts";

export type PolicyMode = "confirm" | "strict";

export const POLICY_MODES: readonly PolicyMode[] = ["confirm", "strict"];

/** @param value ARR_POLICY as set; unset or blank is `confirm`, case and surrounding spaces are ignored */
export function parsePolicyMode(value: string | undefined): Result<PolicyMode, { message: string }> {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "") return ok("confirm");
  const mode = POLICY_MODES.find((m) => m === text);
  if (mode !== undefined) return ok(mode);
  return err({ message: `Invalid ARR_POLICY "${value}": expected confirm or strict` });
}
