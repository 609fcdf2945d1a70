import assert from "node:assert/strict";
import { err, ok } from "../../../../shared/result.ts";
import {
  runRollback,
  runUpgrade,
  type UpgradeIo,
  type UpgradeTarget,
} from "../../../../mcp/upgrades/apply/run_upgrade.ts";

const target = (tagChanges: boolean): UpgradeTarget => ({
  container: "app",
  currentRef: "reg/app:1.0.0",
  currentImageId: "old",
  pinnedRef: "reg/app@sha256:new",
  targetRef: tagChanges ? "reg/app:1.0.1" : "reg/app:1.0.0",
  rollbackRef: "reg/app:arr-rollback-app",
  tagChanges,
});

/** Records every call; the n-th call of `failing` (1-based) fails, and so do the calls named in `alsoFailing`. */
function fakeIo(failing: string | null, failOn = 1, alsoFailing: string[] = []) {
  const calls: string[] = [];
  const notes: string[] = [];
  const seen = new Map<string, number>();
  const answer = <T>(name: string, value: T) => {
    calls.push(name);
    const n = (seen.get(name.split(" ")[0]!) ?? 0) + 1;
    seen.set(name.split(" ")[0]!, n);
    const key = name.split(" ")[0]!;
    const fails = (key === failing && n === failOn) || alsoFailing.includes(`${key}#${n}`);
    return Promise.resolve(fails ? err(`${name} failed`) : ok(value));
  };
  const io: UpgradeIo = {
    pull: (ref) => answer(`pull ${ref}`, "new"),
    tag: (source, to) => answer(`tag ${source} ${to}`, undefined),
    setImage: (from, to) => answer(`setImage ${from} ${to}`, "edited"),
    restoreImage: () => answer("restoreImage", "restored"),
    recreate: (changed) => answer(`recreate ${changed}`, "recreated"),
    gate: (id) => answer(`gate ${id}`, "healthy"),
    note: (phase, s) => notes.push(`${phase} ${s.step} ${s.ok}`),
  };
  return { io, calls, notes };
}

const UPGRADE = [
  "pull reg/app@sha256:new",
  "tag old reg/app:arr-rollback-app",
  "tag new reg/app:1.0.1",
  "setImage reg/app:1.0.0 reg/app:1.0.1",
  "recreate true",
  "gate new",
];

Deno.test("runUpgrade() runs pull, keep, tag, edit, recreate and the gate in order when all pass", async () => {
  const { io, calls, notes } = fakeIo(null);
  const r = await runUpgrade(target(true), io);
  assert.equal(r.outcome, "upgraded");
  assert.deepEqual(calls, UPGRADE);
  assert.deepEqual(r.image_id, { before: "old", candidate: "new" });
  assert.equal(r.rollback, null);
  assert.deepEqual(
    notes,
    ["pull", "keep", "tag", "edit", "recreate", "health"].map((s) => `upgrade ${s} true`),
  );
});

Deno.test("runUpgrade() leaves the file alone when the tag stays (a moved digest)", async () => {
  const { io, calls } = fakeIo(null);
  assert.equal((await runUpgrade(target(false), io)).outcome, "upgraded");
  assert.deepEqual(calls, [
    "pull reg/app@sha256:new",
    "tag old reg/app:arr-rollback-app",
    "tag new reg/app:1.0.0",
    "recreate false",
    "gate new",
  ]);
});

Deno.test("runUpgrade() at each failure point: what runs after it and the outcome", async (t) => {
  const restoreTag = "tag reg/app:arr-rollback-app reg/app:1.0.0";
  const cases: Array<[string, number, string, string[]]> = [
    ["pull", 1, "unchanged", []],
    ["tag", 1, "unchanged", []],
    ["tag", 2, "rolled_back", [restoreTag]],
    ["setImage", 1, "rolled_back", [restoreTag]],
    ["recreate", 1, "rolled_back", [restoreTag, "restoreImage", "recreate true", "gate old"]],
    ["gate", 1, "rolled_back", [restoreTag, "restoreImage", "recreate true", "gate old"]],
  ];
  for (const [failing, nth, outcome, rollback] of cases) {
    await t.step(`${failing} #${nth} fails → ${outcome}`, async () => {
      const { io, calls } = fakeIo(failing, nth);
      const r = await runUpgrade(target(true), io);
      assert.equal(r.outcome, outcome);
      let left = nth;
      const upTo = calls.findIndex((c) => c.split(" ")[0] === failing && --left === 0);
      assert.deepEqual(calls.slice(0, upTo + 1), UPGRADE.slice(0, upTo + 1));
      assert.deepEqual(calls.slice(upTo + 1), rollback);
      assert.equal(r.steps.at(-1)?.ok, false);
      assert.deepEqual(
        r.rollback?.map((s) => s.ok) ?? null,
        outcome === "unchanged" ? null : rollback.map(() => true),
      );
    });
  }
});

Deno.test("runUpgrade() reports rollback_failed when the rollback's recreate fails, and skips its gate", async () => {
  const { io, calls } = fakeIo("gate", 1, ["recreate#2"]);
  const r = await runUpgrade(target(false), io);
  assert.equal(r.outcome, "rollback_failed");
  assert.deepEqual(calls.slice(-3), [
    "gate new",
    "tag reg/app:arr-rollback-app reg/app:1.0.0",
    "recreate false",
  ]);
  assert.deepEqual(r.rollback?.map((s) => [s.step, s.ok]), [["tag", true], ["recreate", false]]);
});

Deno.test("runRollback() points the reference at the kept image, recreates and gates on it; stops at a failure", async () => {
  const t = { currentRef: "reg/app:1.0.0", rollbackRef: "reg/app:arr-rollback-app", keptImageId: "old" };
  const good = fakeIo(null);
  assert.equal((await runRollback(t, good.io)).ok, true);
  assert.deepEqual(good.calls, ["tag reg/app:arr-rollback-app reg/app:1.0.0", "recreate false", "gate old"]);
  const bad = fakeIo("tag");
  const r = await runRollback(t, bad.io);
  assert.deepEqual([r.ok, bad.calls.length, r.steps.length], [false, 1, 1]);
});
