/** The registry client against a real registry (Debian's docker-registry) filled by real `podman push`. */
import assert from "node:assert/strict";
import { podman, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { createRegistryClient } from "../../../../mcp/upgrades/registry/registry_client.ts";
import { parseImageRef } from "../../../../mcp/upgrades/image_ref.ts";
import { imageWithNewLayer, pushAs, startLocalRegistry } from "./registry_process.ts";
import { systemClock } from "../../../../mcp/core/clock.ts";

Deno.test("registry client reads tags and digests from a real registry and sees a moved tag", async () => {
  const { image } = testbed();
  await using registry = await startLocalRegistry();
  const repo = "arr/busybox";
  const v1 = await pushAs(image, registry.host, repo, "1.36.0");
  const latestBefore = await pushAs(image, registry.host, repo, "latest");
  const newer = await imageWithNewLayer(image, uniqueName("upgrades-layer"), "v2");
  try {
    const v2 = await pushAs(newer, registry.host, repo, "1.36.1");
    const client = createRegistryClient({ fetch, clock: systemClock, insecure: [registry.host] });
    const ref = parseImageRef(`${registry.host}/${repo}:1.36.0`)!;

    const tags = await client.tags(ref);
    assert.ok(tags.ok, JSON.stringify(tags));
    assert.deepEqual([...tags.value].sort(), ["1.36.0", "1.36.1", "latest"]);
    assert.deepEqual(await client.digest(ref, "1.36.0"), { ok: true, value: v1 });
    assert.deepEqual(await client.digest(ref, "1.36.1"), { ok: true, value: v2 });
    assert.notEqual(v1, v2);
    assert.deepEqual(await client.digest(ref, "latest"), { ok: true, value: latestBefore });

    const latestAfter = await pushAs(newer, registry.host, repo, "latest");
    assert.notEqual(latestAfter, latestBefore);
    assert.deepEqual(await client.digest(ref, "latest"), { ok: true, value: latestBefore }, "cached");
    client.clear();
    assert.deepEqual(await client.digest(ref, "latest"), { ok: true, value: latestAfter });

    const missing = await client.digest(ref, "0.0.1");
    assert.equal(!missing.ok && missing.error.status, 404);
  } finally {
    await podman(
      "rmi",
      "-f",
      newer,
      `${registry.host}/${repo}:1.36.0`,
      `${registry.host}/${repo}:1.36.1`,
      `${registry.host}/${repo}:latest`,
    )
      .catch(() => "");
  }
});
