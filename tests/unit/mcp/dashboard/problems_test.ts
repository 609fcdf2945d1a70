import assert from "node:assert/strict";
import { containerProblem, stackProblem, statusProblems } from "../../../../mcp/dashboard/problems.ts";
import { dashboardApp, dashboardDeps, fakeContainer, HOST, sampleStatus, signIn } from "./fixtures.ts";

Deno.test("containerProblem() flags stopped, restarting, unhealthy and crash-looping containers", () => {
  const c = (state: string, health: string | null = null, restart_count: number | null = 0) => ({
    state,
    health,
    restart_count,
  });
  assert.equal(containerProblem(c("running")), null);
  assert.equal(containerProblem(c("running", "healthy")), null);
  assert.equal(containerProblem(c("running", "starting")), null);
  assert.equal(containerProblem(c("exited")), "exited");
  assert.equal(containerProblem(c("stopped")), "stopped");
  assert.equal(containerProblem(c("restarting")), "restarting");
  assert.equal(containerProblem(c("dead")), "dead");
  assert.equal(containerProblem(c("created")), "never started");
  assert.equal(containerProblem(c("paused")), "paused");
  assert.equal(containerProblem(c("running", "unhealthy")), "unhealthy");
  assert.equal(containerProblem(c("running", null, 5)), "restarted 5 times");
  assert.equal(containerProblem(c("running", null, 4)), null);
  assert.equal(containerProblem(c("")), "unknown state");
});

Deno.test("stackProblem() flags partial and stopped stacks only", () => {
  const s = (state: string, running: number, n: number) => ({
    name: "x",
    state,
    running,
    containers: Array.from(
      { length: n },
      (_, i) => ({ name: `c${i}`, state: i < running ? "running" : "exited" }),
    ),
  });
  assert.equal(stackProblem(s("running", 2, 2)), null);
  assert.equal(stackProblem(s("unknown", 0, 0)), null);
  assert.equal(stackProblem(s("partial", 1, 3)), "1 of 3 containers running");
  assert.equal(stackProblem(s("stopped", 0, 2)), "all containers stopped");
  assert.equal(stackProblem(s("stopped", 0, 0)), "no containers");
});

Deno.test("statusProblems() lists runtime, helper, disk, stack and container problems in that order", () => {
  const status = sampleStatus(8, 2);
  status.runtime = { ...status.runtime, available: false, error: "socket gone" };
  status.helper = { ...status.helper, available: false, error: "not running" };
  const problems = statusProblems(status);
  assert.deepEqual(problems, [
    "Container runtime unavailable: socket gone",
    "arr-helper unavailable: not running",
    "media disk is 93.8% full",
    "Stack stack1: 3 of 4 containers running",
    "Container stack1-service3: exited (1) 5m ago",
  ]);
});

Deno.test("statusProblems() is empty when everything is fine", () => {
  const status = sampleStatus(3, 1);
  status.disks = status.disks.map((d) => ({ ...d, used_percent: 10 }));
  assert.deepEqual(statusProblems(status), []);
});

Deno.test("dashboard / lists the problems the dashboard computed in the overview's summary", async () => {
  const deps = await dashboardDeps([fakeContainer("web", "running"), fakeContainer("worker", "exited")]);
  try {
    const app = dashboardApp(deps);
    const cookie = await signIn(app);
    const html = await (await app.request("/", { headers: { ...HOST, cookie } })).text();
    const summary =
      /<section class="summary[^"]*" data-field="problems"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    // Exit code, age and the error line the container's log ends with (fakeRuntime's log).
    assert.match(summary, /<li>Container worker: exited \(\d+\) \d+m ago: [^<]+<\/li>/);
    assert.doesNotMatch(summary, /Container web/);
  } finally {
    await Deno.remove(deps.dataDir, { recursive: true });
  }
});
