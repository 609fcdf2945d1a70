/**
 * The systemd tools' gate before a state change: gathers the facts unit_access.ts decides on (the helper's
 * quadlet_list, ARR_SYSTEMD_UNITS) and answers the gate's message as a `refused` failure. Special units are
 * refused before arr-helper is asked anything.
 */
import { z } from "zod";
import { QuadletListEntry } from "../../shared/helper_protocol.ts";
import { err, type Result } from "../../shared/result.ts";
import { refusedUnitReason } from "../../shared/special_units.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { helperOutput } from "../toolkit/helper_failure.ts";
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
  const listed = helperOutput(
    `check whether ${unit} belongs to a quadlet`,
    await deps.helper.call("quadlet_list", {}),
  );
  if (!listed.ok) return listed;
  const parsed = z.array(QuadletListEntry).safeParse(parseJson(listed.value));
  if (!parsed.success) {
    return err({ kind: "helper_decode", message: "Cannot read arr-helper's quadlet list: unexpected shape" });
  }
  return refusal(checkUnitAccess(unit, { quadlets: parsed.data, allowList }));
}

function refusal(r: Result<void, string>): Result<void, ToolFailure> {
  return r.ok ? r : err({ kind: "refused", message: r.error });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
