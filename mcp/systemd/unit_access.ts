/**
 * Which systemd units the systemd tools may start, stop or restart: the services of the user's quadlets, the
 * units named in ARR_SYSTEMD_UNITS, nothing else. Reading a unit's status is not gated.
 */
import type { QuadletType } from "../../shared/helper_protocol.ts";
import { quadletServiceName } from "../../shared/quadlet/service_name.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import { refusedUnitReason } from "../../shared/special_units.ts";

export interface UnitAccessFacts {
  /** The quadlet files in the quadlet dir, as quadlet_list reports them. */
  quadlets: readonly { name: string; type: QuadletType }[];
  /** ARR_SYSTEMD_UNITS. */
  allowList: readonly string[];
}

/** The units a state change may target, sorted. */
export function managedUnits(facts: UnitAccessFacts): string[] {
  const units = new Set(facts.allowList);
  for (const q of facts.quadlets) units.add(quadletServiceName(q.name, q.type));
  return [...units].sort();
}

/** Ok when `unit` may change state; else a message that says why and how to allow it. */
export function checkUnitAccess(unit: string, facts: UnitAccessFacts): Result<void, string> {
  const refused = refusedUnitReason(unit);
  if (refused !== null) return err(`Refused "${unit}": it is ${refused}`);
  if (managedUnits(facts).includes(unit)) return ok(undefined);
  return err(
    `Refused "${unit}": it is not a service of one of your quadlets; add it to ARR_SYSTEMD_UNITS to manage it here`,
  );
}
