/**
 * The exact steps of one upgrade, for the manager that owns the container. Pulls are by digest (what was
 * checked is what runs), the old image stays under a rollback tag, and only the one unit or service is
 * recreated. An unmanaged container gets no steps: nothing could recreate it with its settings, so the plan
 * says how to bring it under a quadlet or a stack first. Pure.
 */
import type { Upgrade } from "./check.ts";
import type { Manager } from "./manager.ts";
import { imageName } from "./image_ref.ts";

export interface PlanStep {
  /** What the step does, for a person. */
  step: string;
  /** The command it amounts to on the host. */
  command?: string;
  /** The arr-mcp tool that does it, where one exists. */
  tool?: string;
}

export interface UpgradePlan {
  container: string;
  managed_by: Manager["managedBy"];
  from: string;
  to: string;
  steps: PlanStep[];
  rollback: PlanStep[];
  /** Why there are no steps (unmanaged containers). */
  reason?: string;
}

export interface PlanInput {
  upgrade: Upgrade;
  manager: Manager;
  /** The image id the container runs now (the rollback keeps it). */
  imageId: string;
  /** For compose stacks without a working_dir label. */
  stacksDir: string;
  /** @default 120 */
  healthWaitSeconds?: number;
}

export const ROLLBACK_TAG_PREFIX = "arr-rollback-";

export function planUpgrade(input: PlanInput): UpgradePlan {
  const { upgrade, manager } = input;
  const name = imageName(upgrade.image);
  const pinned = upgrade.candidate.digest === null
    ? `${name}:${upgrade.candidate.tag}`
    : `${name}@${upgrade.candidate.digest}`;
  const target = `${name}:${upgrade.candidate.tag}`;
  const rollbackRef = `${name}:${ROLLBACK_TAG_PREFIX}${upgrade.container}`;
  const tagChanges = upgrade.candidate.tag !== upgrade.current.tag;
  const wait = input.healthWaitSeconds ?? 120;
  const base = {
    container: upgrade.container,
    managed_by: manager.managedBy,
    from: upgrade.image,
    to: target,
  };
  const pull: PlanStep[] = [
    { step: `Pull the checked image by digest`, command: `podman pull ${pinned}` },
    { step: `Keep the running image for a rollback`, command: `podman tag ${input.imageId} ${rollbackRef}` },
    { step: `Point ${target} at the pulled digest`, command: `podman tag ${pinned} ${target}` },
  ];
  const waitStep: PlanStep = {
    step: `Wait up to ${wait} s for ${upgrade.container} to run (and be healthy, if it has a health check)`,
    tool: "container_inspect",
  };

  if (manager.managedBy === "quadlet") {
    const file = manager.unit.replace(/\.service$/, ".container");
    const steps: PlanStep[] = [...pull];
    if (tagChanges) {
      steps.push(
        {
          step: `Set Image=${target} in ${file} (arr-helper keeps the previous version)`,
          tool: "quadlet_write",
        },
        {
          step: "Reload systemd so the generator reads it",
          command: "systemctl --user daemon-reload",
          tool: "systemd_daemon_reload",
        },
      );
    }
    steps.push(
      {
        step: `Restart ${manager.unit}`,
        command: `systemctl --user restart ${manager.unit}`,
        tool: "systemd_restart",
      },
      waitStep,
    );
    const rollback: PlanStep[] = [
      {
        step: `Point ${upgrade.image} back at the kept image`,
        command: `podman tag ${rollbackRef} ${upgrade.image}`,
      },
      ...(tagChanges
        ? [
          { step: `Restore Image=${upgrade.image} in ${file}`, tool: "quadlet_write" },
          {
            step: "Reload systemd",
            command: "systemctl --user daemon-reload",
            tool: "systemd_daemon_reload",
          },
        ]
        : []),
      {
        step: `Restart ${manager.unit}`,
        command: `systemctl --user restart ${manager.unit}`,
        tool: "systemd_restart",
      },
    ];
    return { ...base, steps, rollback };
  }

  if (manager.managedBy === "compose") {
    const dir = manager.workingDir ?? `${input.stacksDir}/${manager.stack}`;
    const service = manager.service ?? upgrade.container;
    // arr-helper's stack_service_recreate: neither podman-compose 1.0.3 nor 1.3.0 honours --no-deps with
    // --force-recreate, so the service's container is removed first and `up` creates only it again.
    const up =
      `podman rm --force ${upgrade.container} && cd ${dir} && podman-compose up -d --no-deps ${service}`;
    const steps: PlanStep[] = [...pull];
    if (tagChanges) {
      steps.push({
        step: `Set image: ${target} for service ${service} in ${dir}/compose.yaml (a backup is kept)`,
        tool: "compose_write",
      });
    }
    steps.push(
      { step: `Recreate only the service ${service} of stack ${manager.stack}`, command: up },
      waitStep,
    );
    const rollback: PlanStep[] = [
      {
        step: `Point ${upgrade.image} back at the kept image`,
        command: `podman tag ${rollbackRef} ${upgrade.image}`,
      },
      ...(tagChanges ? [{ step: `Restore the compose file from its backup`, tool: "compose_write" }] : []),
      { step: `Recreate the service ${service}`, command: up },
    ];
    return { ...base, steps, rollback };
  }

  return {
    ...base,
    steps: [],
    rollback: [],
    reason:
      `${upgrade.container} is not managed by a quadlet unit or a compose stack: nothing can recreate it ` +
      `with its settings, so arr-mcp will not upgrade it. Bring it under management first: write a compose ` +
      `file for it in a stack (compose_write, then stack_up), or a quadlet ${upgrade.container}.container ` +
      `(quadlet_write, or compose_to_quadlet from a stack), then remove the old container and check again.`,
  };
}
