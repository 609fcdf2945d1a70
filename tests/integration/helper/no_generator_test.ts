/**
 * A host without the quadlet generator (Debian 12: Podman 4.3.1 has none): the real arr-helper, started as it
 * ships with no ARR_QUADLET_GENERATOR and a PATH without the testbed's generator, reports it in `info`, refuses
 * quadlet_write with what to install, and arr-mcp's quadlet_write tool and /api/status pass that on.
 */
import assert from "node:assert/strict";
import { HelperInfo } from "../../../shared/helper_protocol.ts";
import { errorOf, serveArrMcp } from "../_support/harness.ts";
import { podman } from "../../testbed/testbed.ts";
import { helperDirs, startHelper } from "./helper_process.ts";

const UNIT = "[Container]\nImage=localhost/busybox:test\nExec=sleep 60\n";

Deno.test("without a quadlet generator, quadlet_write says Podman 4.4+ is needed and the status says quadlets are off", async () => {
  const hostPodman = (await podman("--version")).replace(/^podman version /, "");
  await using dirs = await helperDirs();
  // podman-compose stays reachable (the testbed's wrapper), the generator does not.
  await Deno.symlink(
    `${Deno.env.get("ARR_TESTBED_DIR")}/bin/podman-compose`,
    `${dirs.binDir}/podman-compose`,
  );
  await using helper = await startHelper(dirs, {
    ARR_QUADLET_GENERATOR: "",
    PATH: `${dirs.binDir}:/usr/local/bin:/usr/bin:/bin`,
  });
  const info = HelperInfo.parse(JSON.parse(String((await helper.command("info")).body.output)));
  assert.deepEqual([info.podman, info.quadlet], [hostPodman, null]);

  const write = await helper.command("quadlet_write", { name: "web", type: "container", content: UNIT });
  assert.equal(write.body.ok, false);
  assert.equal(write.body.exit_code, 127);
  const expected = /^Quadlets need Podman 4\.4 or later; this host has Podman 4\.3\.1: install Podman 4\.4/;
  assert.match(
    String(write.body.output),
    hostPodman === "4.3.1" ? expected : /Quadlets are off: .*no quadlet generator/,
  );
  assert.deepEqual(await Array.fromAsync(Deno.readDir(dirs.quadletDir)), []);

  const served = await serveArrMcp({
    env: { ARR_HELPER_SOCKET: dirs.socket, ARR_STACKS_DIR: dirs.stacksDir },
  });
  try {
    const tool = await served.call("quadlet_write", { file: "web.container", content: UNIT });
    assert.match(errorOf(tool).message, /Quadlets (need Podman 4\.4 or later|are off)/);
    const res = await fetch(new URL("/api/status", served.url), {
      headers: { authorization: `Bearer ${served.key}`, origin: served.origin },
    });
    const status = await res.json();
    assert.equal(status.helper.quadlet, null);
    assert.match(status.helper.quadlet_off_reason, /Quadlets (need Podman 4\.4 or later|are off)/);
  } finally {
    await served.close();
  }
});
