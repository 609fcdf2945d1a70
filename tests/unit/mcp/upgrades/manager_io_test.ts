import assert from "node:assert/strict";
import { err, ok } from "../../../../shared/result.ts";
import { createFileLayer } from "../../../../mcp/fs/file_layer.ts";
import { composeIo, quadletIo } from "../../../../mcp/upgrades/apply/manager_io.ts";
import {
  runUpgrade,
  type UpgradeIo,
  type UpgradeTarget,
} from "../../../../mcp/upgrades/apply/run_upgrade.ts";
import { fakeHelper } from "../_support/fake_helper.ts";

const UNIT =
  "[Unit]\nDescription=Sonarr\n\n[Container]\nImage=reg/sonarr:4.0.1\n\n[Install]\nWantedBy=default.target\n";
const target: UpgradeTarget = {
  container: "sonarr",
  currentRef: "reg/sonarr:4.0.1",
  currentImageId: "old",
  pinnedRef: "reg/sonarr@sha256:new",
  targetRef: "reg/sonarr:4.0.2",
  rollbackRef: "reg/sonarr:arr-rollback-sonarr",
  tagChanges: true,
};

/** Images and the gate faked; the gate passes for the images in `healthy`. */
function imagesAndGate(healthy: string[]): Omit<UpgradeIo, "setImage" | "restoreImage" | "recreate"> {
  return {
    pull: () => Promise.resolve(ok("new")),
    tag: () => Promise.resolve(ok(undefined)),
    gate: (id) => Promise.resolve(healthy.includes(id) ? ok("healthy") : err("its health check fails")),
    note: () => {},
  };
}

Deno.test("a quadlet upgrade writes Image=, reloads systemd and restarts the unit, in that order", async () => {
  const helper = fakeHelper({ "sonarr.container": UNIT });
  const r = await runUpgrade(target, {
    ...imagesAndGate(["new"]),
    ...quadletIo({ helper }, "sonarr.service"),
  });
  assert.equal(r.outcome, "upgraded");
  assert.deepEqual(helper.calls, [
    { op: "quadlet_read", args: { name: "sonarr", type: "container" } },
    {
      op: "quadlet_write",
      args: { name: "sonarr", type: "container", content: UNIT.replace("sonarr:4.0.1", "sonarr:4.0.2") },
    },
    { op: "systemd_daemon_reload", args: {} },
    { op: "systemd_restart", args: { unit: "sonarr.service" } },
  ]);
});

Deno.test("a quadlet upgrade that fails its gate restores the unit file, reloads and restarts again", async () => {
  const helper = fakeHelper({ "sonarr.container": UNIT });
  const r = await runUpgrade(target, {
    ...imagesAndGate(["old"]),
    ...quadletIo({ helper }, "sonarr.service"),
  });
  assert.equal(r.outcome, "rolled_back");
  assert.deepEqual(helper.calls.slice(4).map((c) => c.op), [
    "quadlet_write",
    "systemd_daemon_reload",
    "systemd_restart",
  ]);
  assert.equal(helper.quadlets.get("sonarr.container"), UNIT);
});

Deno.test("a quadlet upgrade without a tag change only restarts the unit", async () => {
  const helper = fakeHelper({ "sonarr.container": UNIT });
  const same = { ...target, targetRef: target.currentRef, tagChanges: false };
  await runUpgrade(same, { ...imagesAndGate(["new"]), ...quadletIo({ helper }, "sonarr.service") });
  assert.deepEqual(helper.calls, [{ op: "systemd_restart", args: { unit: "sonarr.service" } }]);
});

Deno.test("a compose upgrade sets the service's image with a backup, recreates it, and restores the file on failure", async () => {
  const root = await Deno.realPath(await Deno.makeTempDir());
  try {
    const stacksDir = `${root}/stacks`;
    await Deno.mkdir(`${stacksDir}/media`, { recursive: true });
    const compose =
      "services:\n  sonarr:\n    image: reg/sonarr:4.0.1 # app\n  other:\n    image: reg/other:1\n";
    await Deno.writeTextFile(`${stacksDir}/media/compose.yaml`, compose);
    const fs = createFileLayer({
      uid: Deno.uid() ?? 0,
      clock: { now: () => Date.parse("2026-12-01T10:00:00Z") },
    });
    const helper = fakeHelper();
    const manager = composeIo({ fs, stacksDir, helper }, { stack: "media", service: "sonarr" });

    const good = await runUpgrade(target, { ...imagesAndGate(["new"]), ...manager });
    assert.equal(good.outcome, "upgraded");
    assert.equal(
      await Deno.readTextFile(`${stacksDir}/media/compose.yaml`),
      compose.replace("sonarr:4.0.1", "sonarr:4.0.2"),
    );
    assert.match(good.steps.find((s) => s.step === "edit")?.detail ?? "", /\(backup \/.+\)$/);
    assert.deepEqual(helper.calls, [{
      op: "stack_service_recreate",
      args: { stack: "media", service: "sonarr" },
    }]);

    await Deno.writeTextFile(`${stacksDir}/media/compose.yaml`, compose);
    const bad = await runUpgrade(target, {
      ...imagesAndGate(["old"]),
      ...composeIo({ fs, stacksDir, helper }, { stack: "media", service: "sonarr" }),
    });
    assert.equal(bad.outcome, "rolled_back");
    assert.equal(await Deno.readTextFile(`${stacksDir}/media/compose.yaml`), compose);
    assert.deepEqual(bad.rollback?.map((s) => s.step), ["tag", "restore", "recreate", "health"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
