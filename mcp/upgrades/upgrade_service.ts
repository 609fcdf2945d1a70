/**
 * The upgrade check as a service the tools share: reads the containers' image facts, asks the registry (its
 * answers cached an hour; `refresh` forgets them) and builds plans. One per ToolDeps, so every pooled MCP
 * server uses the same cache and back-off.
 */
import { err, ok, type Result } from "../../shared/result.ts";
import type { RuntimeError } from "../clients/runtime/client.ts";
import type { Clock } from "../core/clock.ts";
import type { ToolFailure } from "../toolkit/tool_result.ts";
import { runtimeFailure } from "../toolkit/runtime_failure.ts";
import { type CheckError, checkUpgrades, type NotesReader, type Upgrade } from "./check.ts";
import type { ContainerImageFacts } from "./image_facts.ts";
import { managerOf } from "./manager.ts";
import { planUpgrade, type UpgradePlan } from "./plan.ts";
import type { RegistryClient } from "./registry/registry_client.ts";
import type { AppNotesReader } from "./arr_notes_reader.ts";

export interface UpgradeReport {
  checked_at: string;
  upgrades: Upgrade[];
  errors: CheckError[];
}

export interface UpgradeService {
  /** The last report while it is younger than `maxAgeMs`; `refresh` checks now, asking the registries again. */
  list(refresh: boolean): Promise<Result<UpgradeReport, ToolFailure>>;
  /** The last report whatever its age, or null before the first check; never asks a registry (the dashboard). */
  latest(): UpgradeReport | null;
  /** The plan for one container (name or id); no steps and a reason when it is up to date. */
  plan(container: string): Promise<Result<UpgradePlan & { upgrade: Upgrade | null }, ToolFailure>>;
  /** The container's facts, its plan and the upgrade it is for (upgrade_apply binds its token to these). */
  resolve(container: string): Promise<Result<ResolvedUpgrade, ToolFailure>>;
  /** The container's image facts alone (upgrade_rollback). */
  facts(container: string): Promise<Result<ContainerImageFacts, ToolFailure>>;
  /** Forgets the last report (after an upgrade or rollback changed what runs). */
  forget(): void;
}

export interface ResolvedUpgrade {
  facts: ContainerImageFacts;
  plan: UpgradePlan & { upgrade: Upgrade | null };
}

export interface UpgradeServiceOptions {
  registry: RegistryClient;
  readFacts(): Promise<Result<ContainerImageFacts[], RuntimeError>>;
  clock: Clock;
  stacksDir: string;
  notes?: NotesReader;
  /** The *arr apps' own update lists (arr_notes_reader.ts), when the media services are wired in. */
  appNotes?: AppNotesReader;
  /** How long a report answers `list(false)`. @default 3_600_000 (the registry cache's TTL) */
  maxAgeMs?: number;
}

export function createUpgradeService(options: UpgradeServiceOptions): UpgradeService {
  const { registry, clock } = options;
  const maxAgeMs = options.maxAgeMs ?? 3_600_000;
  let last: { at: number; report: UpgradeReport } | null = null;
  const service: UpgradeService = {
    async list(refresh) {
      if (!refresh && last !== null && clock.now() - last.at < maxAgeMs) return ok(last.report);
      if (refresh) registry.clear();
      const facts = await options.readFacts();
      if (!facts.ok) return err(runtimeFailure(facts.error));
      const at = clock.now();
      const report = {
        checked_at: new Date(at).toISOString(),
        ...await checkUpgrades(facts.value, registry, options.notes, options.appNotes),
      };
      last = { at, report };
      return ok(report);
    },

    latest: () => last?.report ?? null,

    async plan(container) {
      const r = await service.resolve(container);
      return r.ok ? ok(r.value.plan) : r;
    },

    async facts(container) {
      const facts = await options.readFacts();
      if (!facts.ok) return err(runtimeFailure(facts.error));
      const f = facts.value.find((c) =>
        c.container === container || (container.length >= 12 && c.id.startsWith(container))
      );
      return f === undefined
        ? err({ kind: "not_found", message: `No container named "${container}"` })
        : ok(f);
    },

    async resolve(container) {
      const found = await service.facts(container);
      if (!found.ok) return found;
      const f = found.value;
      const report = await checkUpgrades([f], registry, options.notes, options.appNotes);
      const upgrade = report.upgrades[0];
      if (upgrade === undefined) {
        const why = report.errors[0]?.message ??
          "its image is the newest of its tag family and its tag's digest is unchanged";
        return ok({
          facts: f,
          plan: {
            container: f.container,
            managed_by: managerOf(f.labels).managedBy,
            from: f.image,
            to: f.image,
            steps: [],
            rollback: [],
            reason: `No upgrade for ${f.container}: ${why}`,
            upgrade: null,
          },
        });
      }
      const plan = planUpgrade({
        upgrade,
        manager: managerOf(f.labels),
        imageId: f.imageId,
        stacksDir: options.stacksDir,
      });
      return ok({ facts: f, plan: { ...plan, upgrade } });
    },

    forget() {
      last = null;
    },
  };
  return service;
}
