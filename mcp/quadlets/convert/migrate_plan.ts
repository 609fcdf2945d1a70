/**
 * stack_migrate_to_quadlets' plan: from the converted units, the installed ones and the stack's compose
 * containers, the exact operation the confirm token binds (the stack, the sha256 of every file the conversion
 * read and of every unit, the containers to stop with their mounts) and the preview. Pure.
 */
import { sha256Hex } from "../../../shared/encoding.ts";
import { installOrder } from "../../../shared/quadlet/install_order.ts";
import { quadletServiceName } from "../../../shared/quadlet/service_name.ts";
import type { QuadletUnit, SkippedService, UnsupportedKey } from "../../../shared/quadlet/types.ts";
import { parseUnit } from "../../../shared/quadlet/unit_file.ts";
import { err, ok, type Result } from "../../../shared/result.ts";
import type { Plan } from "../../toolkit/confirm_tool.ts";
import type { ToolFailure } from "../../toolkit/tool_result.ts";
import { unitRef } from "./common.ts";
import type { Validation } from "./generator.ts";

export interface Mount {
  source: string;
  destination: string;
}

/** A container of the stack's compose project, as the runtime shows it. */
export interface ComposeContainer {
  id: string;
  name: string;
  /** Its compose service (`com.docker.compose.service`), null when unlabelled. */
  service: string | null;
  running: boolean;
  mounts: Mount[];
}

export interface MigrationFacts {
  stack: string;
  /** The stack's folder (real path); its `quadlets/` stages the units and keeps rollback copies. */
  dir: string;
  /** The compose project the units are converted for: the one arr-helper runs the stack as. */
  project: string;
  units: readonly QuadletUnit[];
  /** The installed text of those units that exist already. */
  installed: ReadonlyMap<string, string>;
  /** Every file the conversion read → its text. */
  sources: Readonly<Record<string, string>>;
  containers: readonly ComposeContainer[];
  skipped: readonly SkippedService[];
  unsupported: readonly UnsupportedKey[];
  warnings: readonly string[];
  validation: Validation;
}

export interface PlannedUnit {
  file: string;
  text: string;
  sha256: string;
  /** The sha256 of the unit it replaces, null when new. */
  previousSha256: string | null;
  /** For a container unit: its systemd service and the compose service it came from. */
  service: { unit: string; compose: string; oneshot: boolean } | null;
}

export interface MigrationOperation {
  stack: string;
  /** `<stack>/quadlets/`: the units are staged there, replaced ones kept in its `.rollback/`. */
  stagingDir: string;
  project: string;
  sources: { path: string; sha256: string }[];
  /** In install order (networks, volumes, then containers by dependency). */
  units: PlannedUnit[];
  /** The compose containers `stack_down` stops, with what they mount. */
  containers: ComposeContainer[];
  /** Whether any of them ran: then a rollback brings compose back up. */
  composeWasUp: boolean;
  /** The named volumes the units use (`<project>_<name>`), created by compose or reused as they are. */
  volumes: string[];
}

export function planMigration(facts: MigrationFacts): Result<Plan<MigrationOperation>, ToolFailure> {
  const { stack } = facts;
  if (facts.validation.ok === false) {
    return err({
      kind: "invalid_units",
      message:
        `Cannot migrate stack "${stack}": the quadlet generator rejects the converted units. Nothing ` +
        `was changed.\n${facts.validation.messages.join("\n")}`,
    });
  }
  const units = installOrder(facts.units).map((u) => planned(u, facts.installed.get(u.fileName)));
  const services = units.flatMap((u) => (u.service ? [u.service] : []));
  if (services.length === 0) {
    return err({
      kind: "invalid_compose",
      message: `Cannot migrate stack "${stack}": it converts to no container`,
    });
  }
  const containers = [...facts.containers].sort((a, b) => (a.name < b.name ? -1 : 1));
  const volumes = units.flatMap((u) => volumeName(u.text) ?? []).sort();
  const operation: MigrationOperation = {
    stack,
    stagingDir: `${facts.dir}/quadlets`,
    project: facts.project,
    sources: Object.entries(facts.sources).map(([path, text]) => ({ path, sha256: sha256Hex(text) }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
    units,
    containers,
    composeWasUp: containers.some((c) => c.running),
    volumes,
  };
  const migrated = new Set(services.map((s) => s.compose));
  const notMigrated = containers.filter((c) => c.service === null || !migrated.has(c.service)).map((c) =>
    c.name
  );
  const replaced = units.filter((u) => u.previousSha256 !== null).map((u) => u.file);
  const running = containers.filter((c) => c.running).length;
  return ok({
    operation,
    summary:
      `Migrate stack "${stack}" to ${units.length} quadlet unit(s): stop its ${running} running compose ` +
      `container(s) (volumes kept), start ${services.length} unit(s); any failure puts compose back`,
    details: {
      units: units.map((u) => ({
        file: u.file,
        status: u.previousSha256 === null ? "new" : "replaces an installed unit",
        starts: u.service?.unit ?? null,
      })),
      compose_containers_stopped: containers.map((c) => ({
        name: c.name,
        service: c.service,
        running: c.running,
      })),
      not_migrated: notMigrated,
      volumes_carried_over: volumes,
      replaced,
      skipped: facts.skipped,
      unsupported: facts.unsupported,
      warnings: facts.warnings,
      validation: facts.validation,
    },
    needsConfirmation: true,
  });
}

function planned(u: QuadletUnit, installed: string | undefined): PlannedUnit {
  const ref = unitRef(u.fileName);
  return {
    file: u.fileName,
    text: u.text,
    sha256: sha256Hex(u.text),
    previousSha256: installed === undefined ? null : sha256Hex(installed),
    service: u.kind === "container"
      ? {
        unit: quadletServiceName(ref.name, "container"),
        compose: u.source,
        oneshot: (parseUnit(u.text).get("Service") ?? []).some((l) =>
          l.key === "Type" && l.value === "oneshot"
        ),
      }
      : null,
  };
}

/** The `VolumeName=` of a `.volume` unit. */
function volumeName(text: string): string | undefined {
  return parseUnit(text).get("Volume")?.find((l) => l.key === "VolumeName")?.value;
}
