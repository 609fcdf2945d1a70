import assert from "node:assert/strict";
import { err, ok } from "../../../../../shared/result.ts";
import {
  type ForwardStep,
  runMigration,
  type StepName,
  type StepRunners,
} from "../../../../../mcp/quadlets/convert/migrate_steps.ts";

const ALL: StepName[] = [
  "write_units",
  "daemon_reload",
  "stop_compose",
  "start_units",
  "verify",
  "stop_units",
  "remove_units",
  "start_compose",
];

/** Runners that record each call; `failing` steps fail (or throw) the first time they run. */
function recorder(failing: Partial<Record<StepName, "fail" | "throw">>) {
  const calls: StepName[] = [];
  const runners = Object.fromEntries(ALL.map((name) => [name, () => {
    const first = !calls.includes(name);
    calls.push(name);
    if (!first) return Promise.resolve(ok(`${name} done again`));
    if (failing[name] === "throw") throw new Error(`${name} blew up`);
    return Promise.resolve(failing[name] === "fail" ? err(`${name} failed`) : ok(`${name} done`));
  }])) as StepRunners;
  return { runners, calls };
}

Deno.test("runMigration() runs the five forward steps in order and nothing else when all succeed", async () => {
  const { runners, calls } = recorder({});
  const out = await runMigration(runners, true);
  assert.equal(out.ok, true);
  assert.equal(out.failedAt, null);
  assert.deepEqual(calls, ["write_units", "daemon_reload", "stop_compose", "start_units", "verify"]);
  assert.deepEqual(out.steps.map((s) => [s.name, s.ok, s.detail]), calls.map((c) => [c, true, `${c} done`]));
});

/** Failing step → the calls after it: exactly the rollback, in order (compose was running before). */
const ROLLBACK_TABLE: Array<[ForwardStep, StepName[], StepName[]]> = [
  ["write_units", ["remove_units"], ["remove_units"]],
  ["daemon_reload", ["remove_units", "daemon_reload"], ["remove_units", "daemon_reload"]],
  [
    "stop_compose",
    ["remove_units", "daemon_reload", "start_compose"],
    ["remove_units", "daemon_reload"],
  ],
  [
    "start_units",
    ["stop_units", "remove_units", "daemon_reload", "start_compose"],
    ["stop_units", "remove_units", "daemon_reload"],
  ],
  [
    "verify",
    ["stop_units", "remove_units", "daemon_reload", "start_compose"],
    ["stop_units", "remove_units", "daemon_reload"],
  ],
];

Deno.test("runMigration() on a failure runs exactly the rollback steps for it, in order", async (t) => {
  const forward: StepName[] = ["write_units", "daemon_reload", "stop_compose", "start_units", "verify"];
  for (const [failing, whenUp, whenDown] of ROLLBACK_TABLE) {
    for (const [composeWasUp, rollback] of [[true, whenUp], [false, whenDown]] as const) {
      await t.step(`${failing} fails, compose ${composeWasUp ? "was up" : "was not running"}`, async () => {
        const { runners, calls } = recorder({ [failing]: "fail" });
        const out = await runMigration(runners, composeWasUp);
        const before = forward.slice(0, forward.indexOf(failing) + 1);
        assert.equal(out.ok, false);
        assert.equal(out.failedAt, failing);
        assert.deepEqual(calls, [...before, ...rollback]);
        assert.deepEqual(out.steps.map((s) => s.name), calls);
        const failed = out.steps.find((s) => !s.ok);
        assert.deepEqual(failed, { name: failing, ok: false, detail: `${failing} failed` });
        assert.ok(out.steps.slice(before.length).every((s) => s.rollback === true && s.ok));
      });
    }
  }
});

Deno.test("runMigration() keeps rolling back when a rollback step fails, and counts a throw as a failure", async () => {
  const { runners, calls } = recorder({ verify: "throw", remove_units: "fail" });
  const out = await runMigration(runners, true);
  assert.deepEqual(calls.slice(5), ["stop_units", "remove_units", "daemon_reload", "start_compose"]);
  assert.deepEqual(out.steps.find((s) => s.name === "verify"), {
    name: "verify",
    ok: false,
    detail: "Internal error: verify blew up",
  });
  assert.deepEqual(out.steps.filter((s) => !s.ok).map((s) => s.name), ["verify", "remove_units"]);
  assert.equal(out.steps.at(-1)?.name, "start_compose");
});
