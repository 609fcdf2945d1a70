import assert from "node:assert/strict";
import { createInfoCache } from "../../../helper/info_cache.ts";
import type { HelperInfo } from "../../../shared/helper_protocol.ts";

const info = (podman: string): HelperInfo => ({
  helper_version: "1.0.0",
  podman,
  podman_compose: "1.3.0",
  quadlet: "5.4.2",
  stacks_dir: "/opt/stacks",
  quadlet_dir: "/q",
});

Deno.test("createInfoCache() collects once for concurrent and later callers until the TTL has passed", async () => {
  let now = 1000;
  let collected = 0;
  let finish!: (value: HelperInfo) => void;
  const cached = createInfoCache(() => {
    collected++;
    return new Promise((resolve) => finish = resolve);
  }, { now: () => now, ttlMs: 60_000 });
  const waiting = [cached(), cached(), cached()];
  assert.equal(collected, 1, "callers during a collection share it");
  finish(info("4.3.1"));
  for (const answer of await Promise.all(waiting)) assert.equal(answer.podman, "4.3.1");
  now += 59_999;
  assert.equal((await cached()).podman, "4.3.1");
  assert.equal(collected, 1);
  now += 1;
  const again = cached();
  finish(info("5.4.2"));
  assert.equal((await again).podman, "5.4.2");
  assert.equal(collected, 2);
});

Deno.test("createInfoCache() collects again when the clock went backwards, and after a failed collection", async () => {
  let now = 10_000;
  let calls = 0;
  const cached = createInfoCache(() => {
    calls++;
    return calls === 2 ? Promise.reject(new Error("boom")) : Promise.resolve(info(`v${calls}`));
  }, { now: () => now, ttlMs: 60_000 });
  assert.equal((await cached()).podman, "v1");
  now -= 5_000;
  await assert.rejects(cached(), /boom/);
  assert.equal((await cached()).podman, "v3");
});
