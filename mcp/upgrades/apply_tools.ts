/**
 * upgrade_apply and upgrade_rollback (destructive, confirmed). The token or the person's approval is bound to
 * the container id, the image it runs, the current and candidate digests and the file the tag is changed in,
 * so any change in between refuses it. The steps run in mcp/upgrades/apply/run_upgrade.ts; each one is
 * audited as it ends.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { err, ok, type Result } from "../../shared/result.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import type { ToolFailure } from "../toolkit/tool_result.ts";
import type { PodmanImages } from "./apply/podman_images.ts";
import { runRollback, runUpgrade } from "./apply/run_upgrade.ts";
import { checkImageFile, conflict, type ManagerOp, managerOpOf, upgradeIo } from "./apply/tool_steps.ts";
import { imageName } from "./image_ref.ts";
import { ROLLBACK_TAG_PREFIX } from "./plan.ts";
import type { UpgradeService } from "./upgrade_service.ts";

interface ApplyOp {
  container: string;
  id: string;
  image_id: string;
  current_ref: string;
  current_digest: string | null;
  pinned_ref: string;
  candidate_digest: string | null;
  target_ref: string;
  rollback_ref: string;
  tag_changes: boolean;
  manager: ManagerOp;
  /** sha256 of the compose or quadlet file the tag is changed in; null when the tag stays. */
  file_sha256: string | null;
}

interface RollbackOp {
  container: string;
  id: string;
  image_id: string;
  kept_image_id: string;
  current_ref: string;
  rollback_ref: string;
  manager: ManagerOp;
}

export interface ApplyToolsOptions {
  service: (deps: ToolDeps) => UpgradeService;
  images: (deps: ToolDeps) => Result<PodmanImages, ToolFailure>;
  /** @default a timer */
  sleep?: (ms: number) => Promise<void>;
}

const step = z.object({ step: z.string(), ok: z.boolean(), detail: z.string() });
export function registerApplyTools(server: McpServer, deps: ToolDeps, options: ApplyToolsOptions): void {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const gateS = deps.config.upgradeHealthGateS ?? 60;

  const images = () => options.images(deps);

  async function podmanOnly(): Promise<ToolFailure | null> {
    const info = await deps.runtime.info();
    if (info.ok && info.value.kind !== "podman") {
      return { kind: "unsupported", message: "Upgrades are applied through Podman; this runtime is Docker" };
    }
    return null;
  }

  const io = (tool: string, container: string, api: PodmanImages, manager: ManagerOp) =>
    upgradeIo(deps, { tool, container, api, manager, gateS, sleep });

  defineConfirmedTool(server, deps, {
    name: "upgrade_apply",
    title: "Apply an upgrade",
    description: "Upgrades a container per upgrade_plan; health-gated, rolled back on failure.",
    input: { container: z.string().min(1).max(256).describe("Container name or id") },
    output: {
      container: z.string(),
      outcome: z.enum(["upgraded", "unchanged", "rolled_back", "rollback_failed"]),
      from: z.string(),
      to: z.string(),
      image_id: z.object({ before: z.string(), candidate: z.string().or(NULL) }),
      steps: z.array(step),
      rollback: z.array(step).or(NULL),
    },
    idempotent: false,
    openWorld: true,
    plan: async ({ container }: { container: string }) => {
      const notPodman = await podmanOnly();
      if (notPodman) return err(notPodman);
      const resolved = await options.service(deps).resolve(container);
      if (!resolved.ok) return resolved;
      const { facts: f, plan } = resolved.value;
      const upgrade = plan.upgrade;
      if (upgrade === null) return err(conflict(plan.reason ?? `No upgrade for ${f.container}`));
      const manager = managerOpOf(f);
      if (!manager.ok) return manager;
      if (f.imageId === "") return err(conflict(`Cannot tell which image ${f.container} runs`));
      const name = imageName(upgrade.image);
      const target = `${name}:${upgrade.candidate.tag}`;
      const tagChanges = upgrade.candidate.tag !== upgrade.current.tag;
      let fileSha: string | null = null;
      if (tagChanges) {
        const checked = await checkImageFile(deps, manager.value, upgrade.image, target);
        if (!checked.ok) return checked;
        fileSha = checked.value;
      }
      const operation: ApplyOp = {
        container: f.container,
        id: f.id,
        image_id: f.imageId,
        current_ref: upgrade.image,
        current_digest: upgrade.current.digest,
        pinned_ref: upgrade.candidate.digest === null ? target : `${name}@${upgrade.candidate.digest}`,
        candidate_digest: upgrade.candidate.digest,
        target_ref: target,
        rollback_ref: `${name}:${ROLLBACK_TAG_PREFIX}${f.container}`,
        tag_changes: tagChanges,
        manager: manager.value,
        file_sha256: fileSha,
      };
      return ok({
        operation,
        summary: `Upgrade ${f.container} from ${upgrade.image} to ${target} (${upgrade.kind}, risk ` +
          `${upgrade.risk}) and recreate it through its ${plan.managed_by}; it is rolled back to the running ` +
          `image if it does not pass the health gate`,
        details: { steps: plan.steps, rollback: plan.rollback, notes: upgrade.notes, gate_seconds: gateS },
        needsConfirmation: true,
      });
    },
    execute: async (op: ApplyOp) => {
      const api = images();
      if (!api.ok) return api;
      const report = await runUpgrade({
        container: op.container,
        currentRef: op.current_ref,
        currentImageId: op.image_id,
        pinnedRef: op.pinned_ref,
        targetRef: op.target_ref,
        rollbackRef: op.rollback_ref,
        tagChanges: op.tag_changes,
      }, io("upgrade_apply", op.container, api.value, op.manager));
      options.service(deps).forget();
      return ok({ container: op.container, from: op.current_ref, to: op.target_ref, ...report });
    },
  });

  defineConfirmedTool(server, deps, {
    name: "upgrade_rollback",
    title: "Roll back an upgrade",
    description: "Recreates a container on the image upgrade_apply kept; health-gated.",
    input: { container: z.string().min(1).max(256).describe("Container name or id") },
    output: { container: z.string(), ok: z.boolean(), image: z.string(), steps: z.array(step) },
    idempotent: false,
    plan: async ({ container }: { container: string }) => {
      const notPodman = await podmanOnly();
      if (notPodman) return err(notPodman);
      const api = images();
      if (!api.ok) return api;
      const found = await options.service(deps).facts(container);
      if (!found.ok) return found;
      const f = found.value;
      const manager = managerOpOf(f);
      if (!manager.ok) return manager;
      const rollbackRef = `${imageName(f.image)}:${ROLLBACK_TAG_PREFIX}${f.container}`;
      const kept = await api.value.imageId(rollbackRef);
      if (!kept.ok) return err({ kind: "runtime_error", message: kept.error });
      if (kept.value === null) {
        return err({ kind: "not_found", message: `No kept image ${rollbackRef}: nothing to roll back to` });
      }
      if (kept.value === f.imageId) return err(conflict(`${f.container} already runs the kept image`));
      const operation: RollbackOp = {
        container: f.container,
        id: f.id,
        image_id: f.imageId,
        kept_image_id: kept.value,
        current_ref: f.image,
        rollback_ref: rollbackRef,
        manager: manager.value,
      };
      return ok({
        operation,
        summary: `Roll ${f.container} back: point ${f.image} at the kept image ${kept.value.slice(0, 12)} ` +
          `(${rollbackRef}) and recreate it`,
        details: { container: f.container, running_image: f.imageId, kept_image: kept.value },
        needsConfirmation: true,
      });
    },
    execute: async (op: RollbackOp) => {
      const api = images();
      if (!api.ok) return api;
      const r = await runRollback(
        { currentRef: op.current_ref, rollbackRef: op.rollback_ref, keptImageId: op.kept_image_id },
        io("upgrade_rollback", op.container, api.value, op.manager),
      );
      options.service(deps).forget();
      return ok({ container: op.container, ok: r.ok, image: op.current_ref, steps: r.steps });
    },
  });
}
