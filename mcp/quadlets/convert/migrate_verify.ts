/**
 * The last forward step of a migration, as a pure check: every container unit has its container (Podman labels
 * it `PODMAN_SYSTEMD_UNIT=<unit>` when systemd starts it; podman-compose labels its own
 * `podman-compose@<project>.service`), running (a one-shot unit: exited 0), mounting at each target its unit
 * mounts from a volume or a host path the same source the compose container mounted there: the same data.
 */
import { parseUnit } from "../../../shared/quadlet/unit_file.ts";
import { err, ok, type Result } from "../../../shared/result.ts";
import type { MigrationOperation, Mount, PlannedUnit } from "./migrate_plan.ts";

export const SYSTEMD_UNIT_LABEL = "PODMAN_SYSTEMD_UNIT";

export interface SeenContainer {
  name: string;
  state: string;
  exitCode: number | null;
  labels: Readonly<Record<string, string>>;
  mounts: readonly Mount[];
}

/** Ok with a one-line summary, or every problem found, one per line. */
export function verifyMigration(
  op: Pick<MigrationOperation, "units" | "containers">,
  seen: readonly SeenContainer[],
): Result<string, string> {
  const problems: string[] = [];
  let checked = 0;
  for (const unit of op.units) {
    const service = unit.service;
    if (service === null) continue;
    const mine = seen.filter((c) => c.labels[SYSTEMD_UNIT_LABEL] === service.unit);
    const container = mine.find((c) => c.state === "running") ?? mine[0];
    if (container === undefined) {
      problems.push(`${service.unit}: no container runs under it`);
      continue;
    }
    const done = service.oneshot && container.state === "exited" && container.exitCode === 0;
    if (container.state !== "running" && !done) {
      problems.push(`${service.unit}: its container ${container.name} is ${container.state}`);
      continue;
    }
    const before = op.containers.find((c) => c.service === service.compose)?.mounts ?? [];
    for (const target of mountTargets(unit)) {
      const now = container.mounts.find((m) => m.destination === target);
      const then = before.find((m) => m.destination === target);
      if (now === undefined) problems.push(`${service.unit}: ${container.name} mounts nothing at ${target}`);
      else if (then !== undefined && then.source !== now.source) {
        problems.push(
          `${service.unit}: ${container.name} mounts ${now.source} at ${target}, compose mounted ${then.source}`,
        );
      }
    }
    checked++;
  }
  if (problems.length > 0) return err(problems.join("\n"));
  return ok(`${checked} container(s) run under their units with the volumes compose used`);
}

/** The targets a container unit mounts from a named volume or a host path (`Volume=SOURCE:TARGET[:OPTIONS]`). */
export function mountTargets(unit: Pick<PlannedUnit, "text">): string[] {
  return (parseUnit(unit.text).get("Container") ?? [])
    .filter((l) => l.key === "Volume")
    .flatMap((l) => {
      const parts = l.value.split(":");
      return parts.length >= 2 && parts[1] ? [parts[1]] : [];
    });
}
