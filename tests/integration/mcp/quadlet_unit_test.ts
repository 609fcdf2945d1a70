import assert from "node:assert/strict";
import { testbed } from "../../testbed/testbed.ts";

const UNIT = new URL("../../../systemd/arr-mcp.container", import.meta.url).pathname;

Deno.test("systemd/arr-mcp.container passes the real quadlet generator and mounts both sockets and the data volume", async () => {
  const tb = testbed();
  const dir = await Deno.makeTempDir();
  try {
    await Deno.copyFile(UNIT, `${dir}/arr-mcp.container`);
    const out = await new Deno.Command(tb.quadletBin, {
      args: ["-dryrun", "-user"],
      env: { QUADLET_UNIT_DIRS: dir },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const exec = text.split("\n").find((l) => l.startsWith("ExecStart=")) ?? "";
    assert.match(exec, /--name arr-mcp/);
    assert.match(exec, /--network host/);
    assert.match(exec, /-v %t\/podman\/podman\.sock:\/run\/podman\/podman\.sock/);
    assert.match(exec, /-v %t\/arr-helper:\/run\/arr-helper/);
    assert.match(exec, /-v arr-mcp-data:\/data/);
    assert.match(exec, /--env ARR_RUNTIME_SOCKET=\/run\/podman\/podman\.sock/);
    assert.match(exec, /localhost\/arr-mcp:latest/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
