/**
 * The container rules against real rootless Podman: a busybox container that exits 1 under `--restart=always`
 * raises container_restarting, and a failing health check (driven with `podman healthcheck run`, since Podman
 * 4.3 runs health checks from systemd timers the testbed may not have) raises container_unhealthy. Once read
 * from the live state store (Podman's events), once by polling the runtime.
 */
import assert from "node:assert/strict";
import { startAlerts } from "../../../../mcp/alerts/start_alerts.ts";
import { createHttpRuntime } from "../../../../mcp/clients/runtime/http_runtime.ts";
import { runtimeEventSource } from "../../../../mcp/clients/runtime/store/events_source.ts";
import { createStateStore } from "../../../../mcp/clients/runtime/store/state_store.ts";
import { unixStreamFetch } from "../../../../mcp/clients/unix/http1_stream.ts";
import { unixSocketFetch } from "../../../../mcp/clients/unix/unix_fetch.ts";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { testDeps } from "../../../unit/mcp/_support/test_deps.ts";

const WAIT_MS = 30_000;

/**
 * `waitMs` is a cap for a loaded machine, not a timing claim. In the full suite, with other tests' containers
 * coming and going on the same Podman, the store once needed longer than 30 s to drop two removed containers
 * (a dropped event stream is repaired by a re-list), so the wait for "gone" outlasts the store's 60 s re-list.
 */
async function until(
  what: string | (() => string),
  predicate: () => Promise<boolean>,
  waitMs = WAIT_MS,
): Promise<void> {
  const end = Date.now() + waitMs;
  while (Date.now() < end) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${typeof what === "string" ? what : what()}`);
}

Deno.test("container_restarting and container_unhealthy from real Podman, via the state store and by polling", async () => {
  const tb = testbed();
  const looping = uniqueName("alerts-loop");
  const sick = uniqueName("alerts-sick");
  const unix = unixSocketFetch(tb.podmanSocket);
  const runtime = createHttpRuntime({ kind: "podman", socket: tb.podmanSocket, fetch: unix.fetch });
  const store = createStateStore({
    runtime,
    events: runtimeEventSource({ fetch: unixStreamFetch(tb.podmanSocket), socket: tb.podmanSocket }),
    clock: { now: () => Date.now() },
  });
  const config = { intervalSeconds: 300, channels: [], quietHours: null };
  const usageOf = () =>
    Promise.resolve({ totalBytes: 1e12, usedBytes: 0, availableBytes: 1e12, usedPercent: 0 });
  const viaStore = await startAlerts(
    testDeps({ runtime, containerStore: store, clock: { now: () => Date.now() } }),
    config,
    {
      dbPath: ":memory:",
      noWatcher: true,
      usageOf,
    },
  );
  const polling = await startAlerts(testDeps({ runtime, clock: { now: () => Date.now() } }), config, {
    dbPath: ":memory:",
    noWatcher: true,
    usageOf,
  });
  try {
    store.start();
    await until("the store to be live", () => Promise.resolve(store.status().state === "live"));
    await podman(
      "run",
      "-d",
      "--name",
      sick,
      "--health-cmd",
      "false",
      "--health-interval",
      "0",
      "--health-retries",
      "1",
      tb.image,
      "sleep",
      "300",
    );
    // The first checks only learn each container's restart count.
    await Promise.all([viaStore.engine.checkNow(), polling.engine.checkNow()]);
    await podman(
      "run",
      "-d",
      "--name",
      looping,
      "--restart=always",
      tb.image,
      "sh",
      "-c",
      "sleep 0.3; exit 1",
    );
    await until("three restarts", async () => {
      const d = await runtime.inspect(looping);
      return d.ok && d.value.restartCount >= 3;
    });
    await podman("healthcheck", "run", sick).catch(() => "unhealthy");
    await until("the store to see both", () => {
      const loop = store.status().state === "live" ? store.get(looping) : null;
      return loop
        ? loop.then(async (l) => {
          const s = await store.get(sick);
          return l.ok && (l.value.details?.restartCount ?? 0) >= 3 && s.ok &&
            s.value.details?.healthStatus === "unhealthy";
        })
        : Promise.resolve(false);
    });
    for (const [how, alerts] of [["state store", viaStore], ["polling", polling]] as const) {
      const report = await alerts.engine.checkNow();
      const mine = report.findings.filter((f) => f.subject === looping || f.subject === sick);
      assert.deepEqual(
        mine.map((f) => `${f.rule} ${f.subject}`).sort(),
        [
          `container_restarting ${looping}`,
          `container_unhealthy ${sick}`,
        ].sort(),
        how,
      );
      assert.match(
        mine.find((f) => f.subject === looping)!.message,
        /restarted \d+ times in the last 10 minutes/,
        how,
      );
      assert.deepEqual(
        alerts.engine.recent("open", 50).filter((a) => a.subject === looping || a.subject === sick).length,
        2,
        how,
      );
    }
    // Both containers are removed: their alerts resolve.
    await removeContainers(looping, sick);
    for (const [how, alerts] of [["state store", viaStore], ["polling", polling]] as const) {
      await until(() => `${how}: containers gone (store ${JSON.stringify(store.status())})`, async () => {
        const report = await alerts.engine.checkNow();
        return !report.findings.some((f) => f.subject === looping || f.subject === sick);
      }, 90_000);
      const resolved = alerts.engine.recent("resolved", 50).filter((a) =>
        a.subject === looping || a.subject === sick
      );
      assert.equal(resolved.length, 2, how);
    }
  } finally {
    await removeContainers(looping, sick);
    await viaStore.stop();
    await polling.stop();
    await store.stop();
    unix.close();
  }
});
