/**
 * The order of an upgrade and of its rollback, over injected steps (Podman image calls, the manager's file
 * and recreate, the health gate), so every failure point is tested with fakes. Before the new image is tagged
 * nothing has changed and a failure stops there; after it, any failure rolls back: the running reference is
 * pointed at the kept image again, a changed file is restored, and the container is recreated and gated on the
 * old image. Both outcomes are reported, step by step.
 */
import type { Result } from "../../../shared/result.ts";

export interface UpgradeTarget {
  container: string;
  /** The reference the container was created from (`name:1.0.0`). */
  currentRef: string;
  currentImageId: string;
  /** `name@sha256:…`: what was checked is what is pulled. */
  pinnedRef: string;
  /** `name:<candidate tag>`. */
  targetRef: string;
  /** `name:arr-rollback-<container>`: the running image, kept. */
  rollbackRef: string;
  tagChanges: boolean;
}

export interface StepReport {
  step: string;
  ok: boolean;
  detail: string;
}

export interface UpgradeIo {
  pull(reference: string): Promise<Result<string, string>>;
  tag(source: string, target: string): Promise<Result<void, string>>;
  /** Changes the image the manager's file names (compose `image:`, quadlet `Image=`). */
  setImage(from: string, to: string): Promise<Result<string, string>>;
  /** Puts the file back as it was before `setImage`. */
  restoreImage(): Promise<Result<string, string>>;
  /** Recreates the one service or unit; `fileChanged` asks systemd to reload first where that matters. */
  recreate(fileChanged: boolean): Promise<Result<string, string>>;
  /** Waits for the recreated container to run `imageId` and be healthy. */
  gate(imageId: string): Promise<Result<string, string>>;
  /** Each step as it ends (the audit log). */
  note(phase: "upgrade" | "rollback", step: StepReport): void;
}

export type UpgradeOutcome = "upgraded" | "unchanged" | "rolled_back" | "rollback_failed";

export interface UpgradeReport {
  outcome: UpgradeOutcome;
  image_id: { before: string; candidate: string | null };
  steps: StepReport[];
  /** null when nothing needed undoing. */
  rollback: StepReport[] | null;
}

/** Runs `run`, records its report under `step`, answers whether it succeeded. */
function recorder(io: UpgradeIo, phase: "upgrade" | "rollback", list: StepReport[]) {
  return async <T>(step: string, run: () => Promise<Result<T, string>>, detail: (v: T) => string) => {
    const r = await run();
    const report = { step, ok: r.ok, detail: r.ok ? detail(r.value) : r.error };
    list.push(report);
    io.note(phase, report);
    return r;
  };
}

export async function runUpgrade(t: UpgradeTarget, io: UpgradeIo): Promise<UpgradeReport> {
  const steps: StepReport[] = [];
  const step = recorder(io, "upgrade", steps);
  const report = (outcome: UpgradeOutcome, candidate: string | null, rollback: StepReport[] | null) => ({
    outcome,
    image_id: { before: t.currentImageId, candidate },
    steps,
    rollback,
  });

  const pulled = await step("pull", () => io.pull(t.pinnedRef), (id) => `${t.pinnedRef} is image ${id}`);
  if (!pulled.ok) return report("unchanged", null, null);
  const newId = pulled.value;
  const kept = await step(
    "keep",
    () => io.tag(t.currentImageId, t.rollbackRef),
    () => `the running image ${t.currentImageId.slice(0, 12)} is kept as ${t.rollbackRef}`,
  );
  if (!kept.ok) return report("unchanged", newId, null);

  let fileChanged = false;
  let recreated = false;
  const forward = async () => {
    const tagged = await step(
      "tag",
      () => io.tag(newId, t.targetRef),
      () => `${t.targetRef} is image ${newId}`,
    );
    if (!tagged.ok) return false;
    if (t.tagChanges) {
      const edited = await step("edit", () => io.setImage(t.currentRef, t.targetRef), (d) => d);
      if (!edited.ok) return false;
      fileChanged = true;
    }
    recreated = true;
    if (!(await step("recreate", () => io.recreate(fileChanged), (d) => d)).ok) return false;
    return (await step("health", () => io.gate(newId), (d) => d)).ok;
  };
  if (await forward()) return report("upgraded", newId, null);

  const back: StepReport[] = [];
  const undo = recorder(io, "rollback", back);
  const results: Array<Result<unknown, string>> = [
    await undo(
      "tag",
      () => io.tag(t.rollbackRef, t.currentRef),
      () => `${t.currentRef} is the kept image ${t.currentImageId.slice(0, 12)} again`,
    ),
  ];
  if (fileChanged) results.push(await undo("restore", () => io.restoreImage(), (d) => d));
  if (recreated) {
    const again = await undo("recreate", () => io.recreate(fileChanged), (d) => d);
    results.push(again);
    if (again.ok) results.push(await undo("health", () => io.gate(t.currentImageId), (d) => d));
  }
  return report(results.every((r) => r.ok) ? "rolled_back" : "rollback_failed", newId, back);
}

/** upgrade_rollback: the running reference back onto the kept image, the container recreated and gated on it. */
export async function runRollback(
  t: { currentRef: string; rollbackRef: string; keptImageId: string },
  io: Pick<UpgradeIo, "tag" | "recreate" | "gate" | "note">,
): Promise<{ ok: boolean; steps: StepReport[] }> {
  const steps: StepReport[] = [];
  const step = recorder(io as UpgradeIo, "rollback", steps);
  const ok = (await step(
    "tag",
    () => io.tag(t.rollbackRef, t.currentRef),
    () => `${t.currentRef} is the kept image ${t.keptImageId.slice(0, 12)}`,
  )).ok &&
    (await step("recreate", () => io.recreate(false), (d) => d)).ok &&
    (await step("health", () => io.gate(t.keptImageId), (d) => d)).ok;
  return { ok, steps };
}
