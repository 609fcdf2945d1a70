import assert from "node:assert/strict";
import { podman, removeContainers, testbed, uniqueName } from "../../testbed/testbed.ts";
import { runGenerator } from "../shared/quadlet/quadlet_generator.ts";

Deno.test("testbed runs a real busybox container and serves the Podman API on its socket", async () => {
  const tb = testbed();
  const name = uniqueName("smoke");
  try {
    await podman("run", "-d", "--name", name, tb.image, "sleep", "30");
    const client = Deno.createHttpClient({ proxy: { transport: "unix", path: tb.podmanSocket } });
    try {
      const res = await fetch(`http://d/v4.0.0/libpod/containers/${name}/json`, { client });
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.State.Status, "running");
    } finally {
      client.close();
    }
  } finally {
    await removeContainers(name);
  }
});

Deno.test("testbed's quadlet generator rejects an unknown key", async () => {
  const run = await runGenerator({ "bad.container": "[Container]\nImage=x\nFooBar=1\n" });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /unsupported key 'FooBar'/);
});
