import assert from "node:assert/strict";
import { ok } from "../../../../shared/result.ts";
import { manualTime } from "../clients/runtime/store/_manual_time.ts";
import { FIRST_CHECK_DELAY_MS, startUpgradeChecks } from "../../../../mcp/upgrades/start_upgrade_checks.ts";
import { createUpgradeService } from "../../../../mcp/upgrades/upgrade_service.ts";
import type { RegistryClient } from "../../../../mcp/upgrades/registry/registry_client.ts";

/** A registry whose one repository gains a tag when told; counts how often it is asked. */
function movingRegistry() {
  const tags = ["1.0.0"];
  const asked = { tags: 0, clears: 0 };
  const registry: RegistryClient = {
    tags: () => {
      asked.tags++;
      return Promise.resolve(ok([...tags]));
    },
    digest: (_ref, tag) => Promise.resolve(ok(`sha256:${(tag === "1.0.0" ? "1" : "2").repeat(64)}`)),
    clear: () => void asked.clears++,
  };
  return { registry, tags, asked };
}

function serviceWith(time: ReturnType<typeof manualTime>, registry: RegistryClient, maxAgeMs: number) {
  return createUpgradeService({
    registry,
    clock: time.clock,
    stacksDir: "/opt/stacks",
    maxAgeMs,
    readFacts: () =>
      Promise.resolve(ok([{
        container: "app",
        id: "1",
        state: "running",
        image: "ghcr.io/o/app:1.0.0",
        imageId: "i",
        repoDigests: [],
        labels: {},
        imageLabels: {},
      }])),
  });
}

Deno.test("upgrade service answers its last report while young, and checks again when asked to refresh", async () => {
  const time = manualTime();
  const { registry, tags, asked } = movingRegistry();
  const service = serviceWith(time, registry, 3_600_000);
  const first = await service.list(false);
  assert.deepEqual(first.ok && first.value.upgrades, []);
  tags.push("1.0.1");
  const again = await service.list(false);
  assert.deepEqual(again.ok && again.value.upgrades, [], "the last report, not a new check");
  assert.equal(asked.tags, 1);
  const fresh = await service.list(true);
  assert.equal(fresh.ok && fresh.value.upgrades[0]?.candidate.tag, "1.0.1");
  assert.equal(asked.clears, 1);
  await time.advance(3_600_000);
  await service.list(false);
  assert.equal(asked.tags, 3, "an old report is checked again");
});

Deno.test("startUpgradeChecks() checks a minute after start, then every interval, and stops", async () => {
  const time = manualTime();
  const { registry, tags, asked } = movingRegistry();
  const service = serviceWith(time, registry, 6 * 3_600_000);
  const lines: string[] = [];
  const checks = startUpgradeChecks(service, {
    intervalHours: 6,
    timers: time.timers,
    log: (l) => lines.push(l),
  });
  await time.advance(FIRST_CHECK_DELAY_MS - 1);
  assert.equal(asked.tags, 0, "nothing during start");
  await time.advance(1);
  assert.equal(asked.tags, 1);
  tags.push("1.0.1");
  const cached = await service.list(false);
  assert.deepEqual(cached.ok && cached.value.upgrades, [], "tools answer the background report");
  await time.advance(6 * 3_600_000);
  assert.equal(asked.tags, 2);
  const later = await service.list(false);
  assert.equal(later.ok && later.value.upgrades[0]?.candidate.tag, "1.0.1");
  assert.deepEqual(lines, [
    "arr-mcp: upgrade check: 0 upgrade(s), 0 not checked",
    "arr-mcp: upgrade check: 1 upgrade(s), 0 not checked",
  ]);
  await checks.stop();
  await time.advance(24 * 3_600_000);
  assert.equal(asked.tags, 2, "stopped");
  assert.equal(time.pending(), 0);
});
