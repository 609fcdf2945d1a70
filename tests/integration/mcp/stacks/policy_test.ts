/**
 * The three-call secret read, against the real server, the real arr-helper and real Podman: a stack mounting
 * arr-mcp's data dir is not written by compose_write without a token (the preview names the mount), and
 * stack_up of such a stack put on disk another way starts nothing without one.
 */
import assert from "node:assert/strict";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { testbed, uniqueName } from "../../../testbed/testbed.ts";
import { helperDirs, startHelper } from "../../helper/helper_process.ts";
import { projectContainers, removeStack } from "../../helper/stack_fixture.ts";
import { serveArrMcp } from "../../_support/harness.ts";

Deno.test("a stack mounting the data dir is neither written nor started without confirmation", async (t) => {
  const tb = testbed();
  await using dirs = await helperDirs();
  await using _helper = await startHelper(dirs);
  const served = await serveArrMcp({
    env: {
      ARR_RUNTIME_SOCKET: tb.podmanSocket,
      ARR_HELPER_SOCKET: dirs.socket,
      ARR_STACKS_DIR: dirs.stacksDir,
    },
    families: TOOL_FAMILIES,
  });
  const stack = uniqueName("mthief");
  const compose =
    `services:\n  thief:\n    image: ${tb.image}\n    command: ["cat", "/loot/credentials.secret"]\n` +
    `    volumes:\n      - ${served.dataDir}:/loot:ro\n`;
  const mount = `Service "thief" mounts ${served.dataDir}, arr-mcp's data folder`;
  try {
    await t.step(
      "compose_write returns confirmation_required naming the mount and writes nothing",
      async () => {
        const r = await served.call("compose_write", { stack, content: compose });
        assert.equal(r.structuredContent.status, "confirmation_required", JSON.stringify(r.content));
        assert.ok(r.structuredContent.preview.summary.includes(mount), r.structuredContent.preview.summary);
        assert.equal(r.structuredContent.preview.details.policy.decision, "confirm");
        await assert.rejects(Deno.stat(`${dirs.stacksDir}/${stack}`), Deno.errors.NotFound);
      },
    );

    await t.step("stack_up without a token starts nothing, however the file got there", async () => {
      await Deno.mkdir(`${dirs.stacksDir}/${stack}`);
      await Deno.writeTextFile(`${dirs.stacksDir}/${stack}/compose.yaml`, compose);
      const r = await served.call("stack_up", { stack });
      assert.equal(r.structuredContent.status, "confirmation_required", JSON.stringify(r.content));
      assert.ok(r.structuredContent.preview.summary.includes(mount));
      assert.deepEqual(await projectContainers(stack), {});
    });

    await t.step("compose_validate names the mount beside podman-compose's verdict", async () => {
      const r = await served.call("compose_validate", { stack });
      assert.equal(r.structuredContent.valid, true, JSON.stringify(r.content));
      assert.ok(r.structuredContent.policy.text.includes(mount));
    });
  } finally {
    await removeStack(stack, ["thief"]);
    await served.close();
  }
});
