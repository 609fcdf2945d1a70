import assert from "node:assert/strict";
import { collectContainerExtras } from "../../../../mcp/dashboard/container_extras.ts";
import { collectDisks } from "../../../../mcp/dashboard/disks.ts";
import { collectStatus } from "../../../../mcp/dashboard/status.ts";
import type { StatsSampler } from "../../../../mcp/clients/runtime/store/stats_sampler.ts";
import type { ContainerStateStore, StoreStatus } from "../../../../mcp/clients/runtime/store/store_types.ts";
import { dashboardDeps, fakeContainer, fakeRuntime } from "./fixtures.ts";

Deno.test("collectContainerExtras() reads health and restarts for all, stats for running containers only", async () => {
  const up = fakeContainer("up", "running", { healthStatus: "healthy", restartCount: 2 });
  const down = fakeContainer("down", "exited", { restartCount: 9 });
  const runtime = fakeRuntime([up, down]);
  const statsAsked: string[] = [];
  const extras = await collectContainerExtras(
    { ...runtime, stats: (n) => (statsAsked.push(n), runtime.stats(n)) },
    [up.summary, down.summary],
  );
  assert.deepEqual(extras.get(up.summary.id), {
    health: "healthy",
    started_at: "2026-11-22T03:00:00.000Z",
    restart_count: 2,
    cpu_percent: 1.5,
    memory_bytes: 10 * 1024 * 1024,
    memory_limit_bytes: null,
    exit_code: null,
    finished_at: null,
  });
  assert.equal(extras.get(down.summary.id)?.restart_count, 9);
  assert.equal(typeof extras.get(down.summary.id)?.exit_code, "number", "a stopped container's exit code");
  assert.match(extras.get(down.summary.id)?.finished_at ?? "", /^\d{4}-/);
  assert.equal(extras.get(down.summary.id)?.cpu_percent, null);
  assert.deepEqual(statsAsked, [up.summary.id]);
});

Deno.test("collectContainerExtras() leaves fields null when inspect fails", async () => {
  const gone = fakeContainer("gone", "running");
  const extras = await collectContainerExtras(fakeRuntime([]), [gone.summary]);
  assert.equal(extras.get(gone.summary.id)?.health, null);
  assert.equal(extras.get(gone.summary.id)?.restart_count, null);
});

Deno.test("collectDisks() reports usage, and a missing dir as an error naming the path", async () => {
  const dir = await Deno.makeTempDir();
  const disks = await collectDisks({ stacksDir: dir, mediaDir: `${dir}/missing` });
  assert.equal(disks[0]?.label, "stacks");
  assert.ok((disks[0]?.total_bytes ?? 0) > 0);
  assert.equal(disks[0]?.error, null);
  assert.equal(disks[1]?.label, "media");
  assert.equal(disks[1]?.used_percent, null);
  assert.equal(disks[1]?.error, `Cannot read disk usage of "${dir}/missing": it does not exist`);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("collectStatus() adds problems, health, restarts, stats and disks to every part", async () => {
  const web = fakeContainer("demo-web", "running", { labels: { "io.podman.compose.project": "demo" } });
  const db = fakeContainer("demo-db", "exited", { labels: { "io.podman.compose.project": "demo" } });
  const deps = await dashboardDeps([web, db]);
  await Deno.mkdir(`${deps.dataDir}/stacks/demo`, { recursive: true });
  await Deno.writeTextFile(`${deps.dataDir}/stacks/demo/compose.yaml`, "services: {}\n");
  const status = await collectStatus(deps);
  const byName = new Map(status.containers.map((c) => [c.name, c]));
  assert.equal(byName.get("demo-web")?.problem, null);
  assert.equal(byName.get("demo-web")?.cpu_percent, 1.5);
  assert.equal(byName.get("demo-db")?.problem, "exited");
  assert.equal(status.stacks[0]?.state, "partial");
  assert.equal(status.stacks[0]?.problem, "1 of 2 containers running");
  assert.deepEqual(status.disks.map((d) => d.label), ["stacks", "media"]);
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("collectStatus() says whether container data is live, and how old it is when it is not", async () => {
  const deps = await dashboardDeps([]);
  assert.equal((await collectStatus(deps)).store, null);
  const resyncing: StoreStatus = {
    state: "resyncing",
    since: Date.parse("2026-11-22T04:00:00Z"),
    ageMs: 4_200,
    containers: 12,
    eventsApplied: 40,
    eventsIgnored: 3,
    junkLines: 0,
    driftRepaired: 1,
    resyncs: 2,
    drops: 1,
    runtimeCalls: 9,
    lastListAt: null,
    lastEventAt: null,
    lastError: "Event stream ended",
  };
  const store = { status: () => resyncing } as Partial<ContainerStateStore> as ContainerStateStore;
  const status = await collectStatus({ ...deps, containerStore: store });
  assert.deepEqual(status.store, {
    state: "resyncing",
    since: "2026-11-22T04:00:00.000Z",
    age_ms: 4_200,
    containers: 12,
    events_applied: 40,
    drift_repaired: 1,
    resyncs: 2,
    drops: 1,
    last_error: "Event stream ended",
  });
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("collectStatus() says when the shared stats sample was taken and how often (none without a store)", async () => {
  const deps = await dashboardDeps([]);
  assert.equal((await collectStatus(deps)).stats_sample, null);
  const sampler = { intervalMs: 30_000, sampledAt: Date.parse("2026-11-22T03:59:50Z") } as StatsSampler;
  const status = await collectStatus({ ...deps, statsSampler: sampler });
  assert.deepEqual(status.stats_sample, { interval_s: 30, sampled_at: "2026-11-22T03:59:50.000Z" });
  const downStatus: StoreStatus = {
    state: "down",
    since: 0,
    ageMs: null,
    containers: 0,
    eventsApplied: 0,
    eventsIgnored: 0,
    junkLines: 0,
    driftRepaired: 0,
    resyncs: 0,
    drops: 0,
    runtimeCalls: 0,
    lastListAt: null,
    lastEventAt: null,
    lastError: "Cannot connect to Podman",
  };
  const down = { status: () => downStatus } as Partial<ContainerStateStore> as ContainerStateStore;
  assert.equal(
    (await collectStatus({ ...deps, statsSampler: sampler, containerStore: down })).stats_sample,
    null,
  );
  await Deno.remove(deps.dataDir, { recursive: true });
});
