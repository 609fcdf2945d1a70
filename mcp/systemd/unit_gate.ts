/**
 * The systemd tools' gate before a state change: gathers the facts unit_access.ts decides on (the helper's
 * quadlet_list, ARR_SYSTEMD_UNITS) and answers the gate's message as a `refused` failure. Special units are
 * refused before arr-helper is asked anything.
 */
import { err, type Result } from "../../shared/result.ts";
import { refusedUnitReason } from "../../shared/special_units.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { listQuadlets } from "../toolkit/quadlet_list.ts";
import type { ToolFailure } from "../toolkit/tool_result.ts";
import { checkUnitAccess } from "./unit_access.ts";

export async function gateUnit(
  deps: Pick<ToolDeps, "helper" | "config">,
  unit: string,
): Promise<Result<void, ToolFailure>> {
  const allowList = deps.config.systemdUnits;
  if (refusedUnitReason(unit) !== null || allowList.includes(unit)) {
    return refusal(checkUnitAccess(unit, { quadlets: [], allowList }));
  }
  const quadlets = await listQuadlets(deps.helper);
  if (!quadlets.ok) return quadlets;
  return refusal(checkUnitAccess(unit, { quadlets: quadlets.value, allowList }));
}

function refusal(r: Result<void, string>): Result<void, ToolFailure> {
  return r.ok ? r : err({ kind: "refused", message: r.error });
}
