/**
 * Compose profiles: a service with `profiles` is converted only when one of them is active, as `compose up`
 * starts it only then. Active profiles come from the `profiles` option (like `--profile`), else
 * `COMPOSE_PROFILES` (comma-separated; shell environment, then `.env`); `*` activates every profile.
 */
import type { Lookup } from "./interpolate.ts";
import { list, type Mapping, scalar } from "./values.ts";

export function activeProfiles(option: readonly string[] | undefined, lookup: Lookup): Set<string> {
  const names = option ?? (lookup("COMPOSE_PROFILES") ?? "").split(",");
  return new Set(names.map((n) => n.trim()).filter((n) => n !== ""));
}

/** The profiles of a service that are all inactive, or undefined when the service is active. */
export function inactiveProfiles(svc: Mapping, active: ReadonlySet<string>): string[] | undefined {
  if (svc["profiles"] === undefined || svc["profiles"] === null) return undefined;
  const profiles = list(svc["profiles"], "profiles").map((p, i) => scalar(p, `profiles[${i}]`));
  if (profiles.length === 0 || active.has("*") || profiles.some((p) => active.has(p))) return undefined;
  return profiles;
}
