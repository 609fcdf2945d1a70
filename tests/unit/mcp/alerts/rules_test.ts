import assert from "node:assert/strict";
import { arrHealth } from "../../../../mcp/alerts/rules/arr_health.ts";
import { containerRestarting } from "../../../../mcp/alerts/rules/container_restarting.ts";
import { containerUnhealthy } from "../../../../mcp/alerts/rules/container_unhealthy.ts";
import { DISK_FLOOR_BYTES, diskLimit, diskSpace } from "../../../../mcp/alerts/rules/disk_space.ts";
import { downloadFailed } from "../../../../mcp/alerts/rules/download_failed.ts";
import { serviceDown } from "../../../../mcp/alerts/rules/service_down.ts";
import type { ContainerFact } from "../../../../mcp/alerts/facts.ts";
import { download, facts, runChecks, T0 } from "./_facts.ts";

const GIB = 1024 ** 3;
const MIN = 60_000;

function container(name: string, more: Partial<ContainerFact> = {}): ContainerFact {
  return {
    name,
    image: "localhost/busybox:test",
    state: "running",
    healthStatus: null,
    restartCount: 0,
    restartPolicy: "no",
    exitCode: 0,
    finishedAt: null,
    systemdUnit: null,
    createdAt: null,
    ...more,
  };
}

Deno.test("service_down: found after N failed checks in a row; one success starts over", async (t) => {
  const table = [
    { name: "3 failures", healthy: [false, false, false], findings: [0, 0, 1] },
    { name: "interrupted", healthy: [false, false, true, false, false], findings: [0, 0, 0, 0, 0] },
    { name: "recovers", healthy: [false, false, false, false, true], findings: [0, 0, 1, 1, 0] },
  ];
  for (const row of table) {
    await t.step(row.name, () => {
      const seq = row.healthy.map((healthy, i) =>
        facts(
          { services: [{ service: "sonarr", healthy, error: healthy ? null : "connection refused" }] },
          T0 + i * MIN,
        )
      );
      assert.deepEqual(runChecks(serviceDown, seq).map((o) => o.findings.length), row.findings);
    });
  }
});

Deno.test("disk_space: the limit is max(threshold %, 20 GiB)", async (t) => {
  const table = [
    { total: 100 * GIB, free: 19 * GIB, found: true },
    { total: 100 * GIB, free: 21 * GIB, found: false },
    { total: 1000 * GIB, free: 90 * GIB, found: true },
    { total: 1000 * GIB, free: 110 * GIB, found: false },
    { total: null, free: 19 * GIB, found: true },
    { total: null, free: 500 * GIB, found: false },
  ];
  for (const row of table) {
    await t.step(`${row.free / GIB} GiB free of ${row.total === null ? "?" : row.total / GIB}`, () => {
      const out = diskSpace.evaluate({
        facts: facts({
          disks: [{ path: "/srv/media", where: "media dir", freeBytes: row.free, totalBytes: row.total }],
        }),
        threshold: 10,
        previous: new Map(),
      });
      assert.equal(out.findings.length, row.found ? 1 : 0);
      assert.equal(diskLimit(row.total, 10) >= DISK_FLOOR_BYTES, true);
    });
  }
});

Deno.test("download_failed: *arr failed/importBlocked items and recent failed SABnzbd jobs, with reasons", () => {
  const arr = (state: string) => ({
    service: "sonarr",
    id: 1,
    title: "Show.S01E02",
    status: "completed",
    trackedDownloadState: state,
    trackedDownloadStatus: "warning",
    messages: ["No files found are eligible for import"],
  });
  const out = downloadFailed.evaluate({
    facts: facts({
      downloads: [
        download("a", 10, { arr: arr("importBlocked") }),
        download("b", 10, { arr: arr("downloading") }),
        download("c", 10, { arr: null }),
      ],
      failedJobs: [
        { subject: "nzo_new", name: "New.Job", reason: "Unpacking failed", completedAt: T0 - 3600_000 },
        { subject: "nzo_old", name: "Old.Job", reason: "CRC error", completedAt: T0 - 3 * 86400_000 },
      ],
    }),
    threshold: null,
    previous: new Map(),
  });
  assert.deepEqual(out.findings.map((f) => f.subject), ["a", "nzo_new"]);
  assert.match(out.findings[0]!.message, /importBlocked: No files found are eligible for import/);
  assert.match(out.findings[1]!.message, /Unpacking failed/);
});

Deno.test("arr_health: one finding per service and source, severity from the type, with the wiki link", () => {
  const out = arrHealth.evaluate({
    facts: facts({
      arrHealth: [
        {
          service: "radarr",
          source: "IndexerStatusCheck",
          type: "error",
          message: "All indexers are unavailable",
          wikiUrl: "https://wiki.servarr.com/radarr/system#indexers",
        },
        {
          service: "radarr",
          source: "UpdateCheck",
          type: "notice",
          message: "Update available",
          wikiUrl: null,
        },
        { service: "radarr", source: "Fine", type: "ok", message: "", wikiUrl: null },
      ],
    }),
    threshold: null,
    previous: new Map(),
  });
  assert.deepEqual(out.findings.map((f) => [f.subject, f.severity]), [
    ["radarr:IndexerStatusCheck", "critical"],
    ["radarr:UpdateCheck", "info"],
  ]);
  assert.match(out.findings[0]!.message, /https:\/\/wiki\.servarr\.com\/radarr\/system#indexers/);
});

Deno.test("container_unhealthy: only unhealthy containers", () => {
  const out = containerUnhealthy.evaluate({
    facts: facts({
      containers: [
        container("a", { healthStatus: "unhealthy" }),
        container("b", { healthStatus: "healthy" }),
      ],
    }),
    threshold: null,
    previous: new Map(),
  });
  assert.deepEqual(out.findings.map((f) => f.subject), ["a"]);
});

Deno.test("container_restarting: K restarts within 10 minutes, counted per container from restart counts", async (t) => {
  const seq = (counts: number[], stepMs: number) =>
    counts.map((n, i) =>
      facts({ containers: [container("web", { restartCount: n, restartPolicy: "always" })] }, T0 + i * stepMs)
    );
  await t.step("3 restarts in 3 minutes", () => {
    assert.deepEqual(runChecks(containerRestarting, seq([0, 1, 2, 3], MIN)).map((o) => o.findings.length), [
      0,
      0,
      0,
      1,
    ]);
  });
  await t.step("3 restarts at once", () => {
    assert.deepEqual(runChecks(containerRestarting, seq([5, 8], MIN)).map((o) => o.findings.length), [0, 1]);
  });
  await t.step("restarts spread over 30 minutes are not a loop", () => {
    assert.deepEqual(
      runChecks(containerRestarting, seq([0, 1, 2, 3], 15 * MIN)).map((o) => o.findings.length),
      [0, 0, 0, 0],
    );
  });
  await t.step("the count already there at the first check is not news", () => {
    assert.deepEqual(runChecks(containerRestarting, seq([40, 40], MIN)).map((o) => o.findings.length), [
      0,
      0,
    ]);
  });
});

Deno.test("container_restarting: exited non-zero while its policy or unit says run", async (t) => {
  const table: Array<{ name: string; c: Partial<ContainerFact>; found: boolean }> = [
    {
      name: "on-failure, exit 1",
      c: { state: "exited", exitCode: 1, restartPolicy: "on-failure" },
      found: true,
    },
    {
      name: "systemd unit, exit 2",
      c: { state: "exited", exitCode: 2, systemdUnit: "web.service" },
      found: true,
    },
    { name: "no policy, exit 1", c: { state: "exited", exitCode: 1, restartPolicy: "no" }, found: false },
    { name: "always, exit 0", c: { state: "exited", exitCode: 0, restartPolicy: "always" }, found: false },
  ];
  for (const row of table) {
    await t.step(row.name, () => {
      const out = containerRestarting.evaluate({
        facts: facts({ containers: [container("web", row.c)] }),
        threshold: 3,
        previous: new Map(),
      });
      assert.equal(out.findings.length, row.found ? 1 : 0);
    });
  }
});
