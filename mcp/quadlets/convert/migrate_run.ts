/**
 * The step runners of a confirmed migration, over arr-helper and the runtime: they keep what the later steps
 * and the rollback need (the units written, the units started, the units replaced). The order and the
 * rollback are migrate_steps.ts'; this file only does each step.
 */
import { sha256Hex } from "../../../shared/encoding.ts";
import type { HelperOp } from "../../../shared/helper_protocol.ts";
import { quadletServiceName } from "../../../shared/quadlet/service_name.ts";
import { err, ok, type Result } from "../../../shared/result.ts";
import type { ToolDeps } from "../../toolkit/deps.ts";
import { helperOutput } from "../../toolkit/helper_failure.ts";
import { listQuadlets } from "../../toolkit/quadlet_list.ts";
import { installedContents } from "./installed.ts";
import { keepRollbackCopy, writeEach } from "./install_run.ts";
import type { MigrationOperation } from "./migrate_plan.ts";
import type { StepRunners } from "./migrate_steps.ts";
import { type SeenContainer, SYSTEMD_UNIT_LABEL, verifyMigration } from "./migrate_verify.ts";
import { undoWrites } from "./undo.ts";

export interface MigrationRunOptions {
  /**
   * Waits between checks while the started containers show up (the state store learns them from Podman's
   * events). @default 500 ms timers, 10 checks
   */
  wait?: (attempt: number) => Promise<boolean>;
}

const VERIFY_ATTEMPTS = 10;

function defaultWait(attempt: number): Promise<boolean> {
  if (attempt >= VERIFY_ATTEMPTS) return Promise.resolve(false);
  return new Promise((resolve) => setTimeout(() => resolve(true), 500));
}

type StepResult = Result<string, string>;

export function migrationRunners(
  deps: Pick<ToolDeps, "helper" | "runtime" | "fs" | "config">,
  op: MigrationOperation,
  options: MigrationRunOptions = {},
): StepRunners {
  const { helper } = deps;
  const written: string[] = [];
  const started: string[] = [];
  let previous = new Map<string, string>();
  const services = op.units.flatMap((u) => (u.service ? [u.service.unit] : []));
  const wait = options.wait ?? defaultWait;

  const helperStep = async (what: string, helperOp: HelperOp, args = {}) => {
    const r = helperOutput(what, await helper.call(helperOp, args));
    return r.ok ? ok(r.value) : err(r.error.message);
  };

  return {
    async write_units(): Promise<StepResult> {
      const current = await installedContents(helper, op.units.map((u) => u.file));
      if (!current.ok) return err(current.error.message);
      for (const u of op.units) {
        const now = current.value.get(u.file);
        if ((now === undefined ? null : sha256Hex(now)) !== u.previousSha256) {
          return err(`${u.file} changed since the preview; ask for a new preview`);
        }
      }
      previous = current.value;
      const replaced = op.units.filter((u) => u.previousSha256 !== null).map((u) => u.file);
      let kept = "";
      if (replaced.length > 0) {
        const copy = await keepRollbackCopy(deps, op.stagingDir, replaced, current.value);
        if (!copy.ok) return err(copy.error.message);
        kept = `; replaced units copied to ${copy.value}`;
      }
      const texts = new Map(op.units.map((u) => [u.file, u.text]));
      const out = await writeEach(helper, op.units.map((u) => u.file), texts);
      written.push(...out.written);
      if (out.failure !== null) return err(out.failure.message);
      return ok(`wrote ${written.join(", ")}${kept}`);
    },
    async daemon_reload(): Promise<StepResult> {
      const r = await helperStep("reload systemd", "systemd_daemon_reload");
      return r.ok ? ok("systemd reloaded") : r;
    },
    async stop_compose(): Promise<StepResult> {
      // podman-compose down without -v: the named volumes stay for the units.
      const r = await helperStep(`stop compose stack "${op.stack}"`, "stack_down", { stack: op.stack });
      return r.ok ? ok(`compose stack "${op.stack}" stopped, volumes kept`) : r;
    },
    async start_units(): Promise<StepResult> {
      // The systemd gate's rule: only services of installed quadlets change state.
      const listed = await listQuadlets(helper);
      if (!listed.ok) return err(listed.error.message);
      const quadletServices = new Set(listed.value.map((q) => quadletServiceName(q.name, q.type)));
      for (const unit of services) {
        if (!quadletServices.has(unit)) return err(`${unit} is not the service of an installed quadlet`);
        started.push(unit);
        const r = await helperStep(`start ${unit}`, "systemd_start", { unit });
        if (!r.ok) return r;
      }
      return ok(`started ${services.join(", ")}`);
    },
    async verify(): Promise<StepResult> {
      for (let attempt = 1;; attempt++) {
        const seen = await seenContainers(deps, new Set(services));
        const checked = seen.ok ? verifyMigration(op, seen.value) : seen;
        if (checked.ok || !(await wait(attempt))) return checked;
      }
    },
    async stop_units(): Promise<StepResult> {
      const failed: string[] = [];
      for (const unit of [...started].reverse()) {
        if (!(await helperStep(`stop ${unit}`, "systemd_stop", { unit })).ok) failed.push(unit);
      }
      if (failed.length > 0) return err(`could not stop ${failed.join(", ")}`);
      return ok(started.length ? `stopped ${[...started].reverse().join(", ")}` : "no unit was started");
    },
    async remove_units(): Promise<StepResult> {
      if (written.length === 0) return ok("no unit was written");
      const undo = await undoWrites(helper, written, previous);
      if (undo !== "done") return err(`putting back ${written.join(", ")} ${undo}`);
      const restored = written.filter((f) => previous.has(f));
      return ok(
        `removed ${written.filter((f) => !previous.has(f)).join(", ") || "nothing"} (kept in arr-helper's ` +
          `backups)${restored.length ? `; restored ${restored.join(", ")}` : ""}`,
      );
    },
    async start_compose(): Promise<StepResult> {
      const r = await helperStep(`start compose stack "${op.stack}"`, "stack_up", { stack: op.stack });
      return r.ok ? ok(`compose stack "${op.stack}" is up again`) : r;
    },
  };
}

/** The containers Podman runs under the given systemd units, with their mounts. */
async function seenContainers(
  deps: Pick<ToolDeps, "runtime">,
  units: ReadonlySet<string>,
): Promise<Result<SeenContainer[], string>> {
  const listed = await deps.runtime.list({ all: true });
  if (!listed.ok) return err(`Cannot list containers: ${listed.error.message}`);
  const out: SeenContainer[] = [];
  for (const c of listed.value) {
    if (!units.has(c.labels[SYSTEMD_UNIT_LABEL] ?? "")) continue;
    const d = await deps.runtime.inspect(c.id);
    if (!d.ok) return err(`Cannot inspect ${c.name}: ${d.error.message}`);
    out.push({
      name: d.value.name,
      state: d.value.state,
      exitCode: d.value.exitCode,
      labels: d.value.labels,
      mounts: d.value.mounts,
    });
  }
  return ok(out);
}
