import assert from "node:assert/strict";
import { podman, removeContainers, testbed, uniqueName } from "../../testbed/testbed.ts";

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
  const tb = testbed();
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/bad.container`, "[Container]\nImage=x\nFooBar=1\n");
    const out = await new Deno.Command(tb.quadletBin, {
      args: ["-dryrun", "-user"],
      env: { QUADLET_UNIT_DIRS: dir },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 1);
    assert.match(new TextDecoder().decode(out.stderr), /unsupported key 'FooBar'/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
