import assert from "node:assert/strict";
import { runGenerator } from "../shared/quadlet/quadlet_generator.ts";

const UNIT = new URL("../../../systemd/arr-mcp.container", import.meta.url).pathname;

Deno.test("systemd/arr-mcp.container passes the real quadlet generator and mounts both sockets and the data volume", async () => {
  const run = await runGenerator({ "arr-mcp.container": await Deno.readTextFile(UNIT) });
  assert.equal(run.code, 0, run.stderr);
  const exec = run.stdout.split("\n").find((l) => l.startsWith("ExecStart=")) ?? "";
  assert.match(exec, /--name arr-mcp/);
  assert.match(exec, /--network host/);
  // The socket FOLDER, not the file: a recreated socket stays reachable.
  assert.match(exec, /-v %t\/podman:\/run\/podman /);
  assert.doesNotMatch(exec, /podman\.sock:/);
  assert.match(exec, /-v %t\/arr-helper:\/run\/arr-helper/);
  assert.match(exec, /-v arr-mcp-data:\/data/);
  assert.match(exec, /--env ARR_RUNTIME_SOCKET=\/run\/podman\/podman\.sock/);
  assert.match(exec, /localhost\/arr-mcp:latest/);
});
