/**
 * The migration as a small state machine over injected step runners: the forward steps in order, and on the
 * first failure exactly the rollback steps that undo what the finished steps changed, in order. Pure apart
 * from the runners it is given; every step, forward or back, is reported as it ran.
 */
import type { Result } from "../../../shared/result.ts";

/** Forward: install the units, let systemd see them, stop compose (volumes kept), start the units, check them. */
export const FORWARD_STEPS = [
  "write_units",
  "daemon_reload",
  "stop_compose",
  "start_units",
  "verify",
] as const;
export type ForwardStep = typeof FORWARD_STEPS[number];

/** Back: stop what was started, take the units out (backups kept), let systemd forget them, compose up again. */
export type RollbackStep = "stop_units" | "remove_units" | "daemon_reload" | "start_compose";

export type StepName = ForwardStep | RollbackStep;

/** One step as run: `detail` says what it did or why it failed. */
export interface StepReport {
  name: StepName;
  ok: boolean;
  detail: string;
  /** Set on the steps that ran to undo a failure. */
  rollback?: true;
}

/** Runs one step; the error is the detail of a failure. Never throws (a throw counts as a failure). */
export type StepRunner = () => Promise<Result<string, string>>;

export type StepRunners = Record<ForwardStep | RollbackStep, StepRunner>;

export interface MigrationOutcome {
  ok: boolean;
  /** The forward step that failed, if any. */
  failedAt: ForwardStep | null;
  steps: StepReport[];
}

/**
 * What undoes the steps before and including `failed`: the started units are stopped (a failed start may have
 * started some), the written units removed, systemd reloaded once the units were loaded, and compose brought
 * back up once it was stopped — only when it was running before the migration.
 */
export function rollbackSteps(failed: ForwardStep, composeWasUp: boolean): RollbackStep[] {
  const reached = (step: ForwardStep) => FORWARD_STEPS.indexOf(failed) >= FORWARD_STEPS.indexOf(step);
  const steps: RollbackStep[] = [];
  if (reached("start_units")) steps.push("stop_units");
  steps.push("remove_units");
  if (reached("daemon_reload")) steps.push("daemon_reload");
  if (reached("stop_compose") && composeWasUp) steps.push("start_compose");
  return steps;
}

/** Runs the forward steps until one fails, then every rollback step for it (each one even if another fails). */
export async function runMigration(runners: StepRunners, composeWasUp: boolean): Promise<MigrationOutcome> {
  const steps: StepReport[] = [];
  for (const name of FORWARD_STEPS) {
    const done = await runStep(runners[name]);
    steps.push({ name, ok: done.ok, detail: done.ok ? done.value : done.error });
    if (done.ok) continue;
    for (const back of rollbackSteps(name, composeWasUp)) {
      const undone = await runStep(runners[back]);
      steps.push({
        name: back,
        ok: undone.ok,
        detail: undone.ok ? undone.value : undone.error,
        rollback: true,
      });
    }
    return { ok: false, failedAt: name, steps };
  }
  return { ok: true, failedAt: null, steps };
}

async function runStep(run: StepRunner): Promise<Result<string, string>> {
  try {
    return await run();
  } catch (e) {
    return { ok: false, error: `Internal error: ${(e as Error).message}` };
  }
}
