/**
 * How compose_to_quadlet gets the generator's verdict: arr-helper's quadlet_validate first (the generator on
 * the host, beside the installed units), then a local generator where arr-mcp may run one, else a clear
 * "not validated" with the reasons. Never a tool error: validation is advice, quadlet_install checks again.
 */
import { type HelperInfo } from "../../../shared/helper_protocol.ts";
import { HELPER_MAX_BODY_BYTES, QUADLET_VALIDATE_MAX_UNITS } from "../../../shared/limits.ts";
import type { HelperClient } from "../../clients/helper/helper_client.ts";
import type { UnitText } from "../../../shared/quadlet/types.ts";
import { unitRef } from "./common.ts";
import type { NotRun, ValidateUnits, Validation } from "./generator.ts";

/** The exit code arr-helper gives quadlet_validate when its host has no generator. */
const HELPER_NO_GENERATOR = 127;

const INSTALL_CHECKS = "quadlet_install validates each unit through arr-helper before writing";

/** The verdict of arr-helper's generator, or why arr-helper could not give one. */
export async function viaHelper(
  helper: HelperClient,
  info: HelperInfo | null,
  units: readonly UnitText[],
): Promise<Validation | NotRun> {
  const args = { units: units.map((u) => ({ ...unitRef(u.fileName), content: u.text })) };
  const bytes = new TextEncoder().encode(JSON.stringify({ op: "quadlet_validate", args })).byteLength;
  if (units.length > QUADLET_VALIDATE_MAX_UNITS || bytes > HELPER_MAX_BODY_BYTES) {
    return { not_run: `the units are too many or too large for one arr-helper request (${bytes} bytes)` };
  }
  const r = await helper.call("quadlet_validate", args);
  if (!r.ok) {
    if (r.error.kind === "unavailable") return { not_run: "arr-helper is not running" };
    if (r.error.kind === "rejected" && r.error.message.includes("Unknown op")) {
      return { not_run: "this arr-helper is too old for quadlet_validate (update it)" };
    }
    return { not_run: `arr-helper could not validate (${r.error.message})` };
  }
  if (!r.value.ok && r.value.exit_code === HELPER_NO_GENERATOR) {
    return { not_run: "arr-helper has no quadlet generator on its host" };
  }
  return {
    validated_by: "arr-helper",
    generator: info?.quadlet ? `quadlet ${info.quadlet}` : "quadlet",
    ok: r.value.ok,
    messages: r.value.output.split("\n").map((l) => l.trim()).filter((l) => l !== ""),
  };
}

function ran(v: Validation | NotRun): v is Validation {
  return !("not_run" in v);
}

/** arr-helper's verdict, else the local generator's, else "not validated" with both reasons. */
export async function validateStaged(
  helper: HelperClient,
  info: HelperInfo | null,
  local: ValidateUnits,
  units: readonly UnitText[],
): Promise<Validation> {
  const remote = await viaHelper(helper, info, units);
  if (ran(remote)) return remote;
  const here = await local(units);
  if (ran(here)) return here;
  return {
    validated_by: null,
    generator: null,
    ok: null,
    messages: [`Not validated: ${remote.not_run} and ${here.not_run}; ${INSTALL_CHECKS}`],
  };
}
