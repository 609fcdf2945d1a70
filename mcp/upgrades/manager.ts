/**
 * Who manages a container, from its labels: a compose stack (podman-compose and Docker Compose labels; note
 * podman-compose also sets PODMAN_SYSTEMD_UNIT=podman-compose@<project>.service, so compose is asked first), a
 * quadlet unit (PODMAN_SYSTEMD_UNIT from the quadlet generator), or nothing. Pure.
 */
import { composeProject, composeService } from "../clients/runtime/normalize.ts";

export type Manager =
  | { managedBy: "compose"; stack: string; service: string | null; workingDir: string | null }
  | { managedBy: "quadlet"; unit: string }
  | { managedBy: "none" };

export function managerOf(labels: Readonly<Record<string, string>>): Manager {
  const stack = composeProject({ ...labels });
  if (stack) {
    return {
      managedBy: "compose",
      stack,
      service: composeService({ ...labels }),
      workingDir: labels["com.docker.compose.project.working_dir"] ?? null,
    };
  }
  const unit = labels["PODMAN_SYSTEMD_UNIT"];
  if (unit && !unit.startsWith("podman-compose@")) return { managedBy: "quadlet", unit };
  return { managedBy: "none" };
}
