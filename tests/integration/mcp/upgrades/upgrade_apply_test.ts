/**
 * upgrade_apply and upgrade_rollback end to end: the real app, the real arr-helper recreating a real compose
 * service under podman-compose 1.3.0, images pushed to a real loopback registry whose `latest` tag moves on.
 * A good candidate is applied (new container, new image); upgrade_rollback goes back to the kept image; a
 * candidate whose command exits, and one whose health check fails, are rolled back automatically, both
 * outcomes reported; a used token is refused.
 */
import assert from "node:assert/strict";
import { podman, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { serveArrMcp } from "../../_support/harness.ts";
import { helperDirs, startHelper } from "../../helper/helper_process.ts";
import { removeStack, writeStack } from "../../helper/stack_fixture.ts";
import { registerUpgradeTools } from "../../../../mcp/upgrades/upgrade_tools.ts";
import { imageWithNewLayer, pushAs, startLocalRegistry } from "./registry_process.ts";

const SLEEPS = 'CMD ["sleep", "600"]';

/** arr-mcp with only the upgrade tools, on the testbed's Podman, the real helper and the loopback registry. */
function serveUpgrades(helperSocket: string, stacksDir: string, registryHost: string) {
  return serveArrMcp({
    env: {
      ARR_RUNTIME_SOCKET: testbed().podmanSocket,
      ARR_HELPER_SOCKET: helperSocket,
      ARR_STACKS_DIR: stacksDir,
      ARR_REGISTRY_INSECURE: registryHost,
      ARR_UPGRADE_HEALTH_GATE_S: "2",
    },
    families: [registerUpgradeTools],
  });
}

Deno.test("upgrade_apply recreates a compose service on the new digest and rolls a failing one back", async (t) => {
  const tb = testbed();
  await using registry = await startLocalRegistry();
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  const repo = `arr/${uniqueName("apply")}`;
  const name = `${registry.host}/${repo}`;
  const stack = uniqueName("upgapply");
  const container = `${stack}_app_1`;
  const images = [
    await imageWithNewLayer(tb.image, uniqueName("upgold"), "one", [SLEEPS]),
    await imageWithNewLayer(tb.image, uniqueName("upgnew"), "two", [SLEEPS]),
    await imageWithNewLayer(tb.image, uniqueName("upgbad"), "three", ['CMD ["sh", "-c", "exit 3"]']),
  ];
  const [oldImage, newImage, badImage] = images as [string, string, string];
  const inspect = async () => {
    const [id, image, state] = (await podman(
      "container",
      "inspect",
      "--format",
      "{{.Id}} {{.Image}} {{.State.Status}}",
      container,
    )).split(" ");
    return { id, image, state };
  };
  const served = await serveUpgrades(dirs.socket, dirs.stacksDir, registry.host);
  const confirmed = async (tool: string) => {
    const preview = await served.call(tool, { container });
    assert.equal(preview.structuredContent?.status, "confirmation_required", JSON.stringify(preview.content));
    const token = preview.structuredContent.confirm_token as string;
    const done = await served.call(tool, { container, confirm_token: token });
    assert.equal(done.isError, undefined, JSON.stringify(done.content));
    assert.equal(done.structuredContent.status, "done");
    return { token, preview: preview.structuredContent.preview, result: done.structuredContent.result };
  };
  try {
    await pushAs(oldImage, registry.host, repo, "latest");
    // Pulled from the registry as a user's image is, so Podman records its repo digest.
    await podman("pull", "--tls-verify=false", "-q", `${name}:latest`);
    await writeStack(dirs.stacksDir, stack, `services:\n  app:\n    image: ${name}:latest\n`);
    const up = await helper.command("stack_up", { stack });
    assert.equal(up.body.ok, true, String(up.body.output));
    const before = await inspect();
    assert.equal(before.image, oldImage);

    let usedToken = "";
    await t.step("a moved tag is applied: a new container on the new image", async () => {
      const newDigest = await pushAs(newImage, registry.host, repo, "latest");
      await podman("tag", oldImage, `${name}:latest`); // the local tag still names the running image
      const { token, preview, result } = await confirmed("upgrade_apply");
      usedToken = token;
      assert.match(
        preview.summary,
        new RegExp(`^Upgrade ${container} from ${name}:latest to ${name}:latest`),
      );
      assert.equal(result.outcome, "upgraded", JSON.stringify(result));
      assert.deepEqual(result.steps.map((s: { step: string }) => s.step), [
        "pull",
        "keep",
        "tag",
        "recreate",
        "health",
      ]);
      assert.equal(result.rollback, null);
      const after = await inspect();
      assert.notEqual(after.id, before.id, "the service container is new");
      assert.deepEqual([after.image, after.state], [newImage, "running"]);
      assert.equal(await podman("image", "inspect", "--format", "{{.Id}}", `${name}@${newDigest}`), newImage);
      assert.equal(
        await podman("image", "inspect", "--format", "{{.Id}}", `${name}:arr-rollback-${container}`),
        oldImage,
      );
    });

    await t.step("the used token is refused and changes nothing", async () => {
      const id = (await inspect()).id;
      const replay = await served.call("upgrade_apply", { container, confirm_token: usedToken });
      assert.equal(replay.isError, true, JSON.stringify(replay.structuredContent));
      assert.equal((await inspect()).id, id);
    });

    await t.step("upgrade_rollback goes back to the kept image", async () => {
      const { result } = await confirmed("upgrade_rollback");
      assert.equal(result.ok, true, JSON.stringify(result));
      const after = await inspect();
      assert.deepEqual([after.image, after.state], [oldImage, "running"]);
    });

    await t.step("a candidate whose command exits is rolled back to the running image", async () => {
      const running = await inspect();
      await pushAs(badImage, registry.host, repo, "latest");
      await podman("tag", oldImage, `${name}:latest`);
      // Registry answers are cached for an hour: the person asks again, as upgrades_list offers.
      await served.call("upgrades_list", { refresh: true });
      const { result } = await confirmed("upgrade_apply");
      assert.equal(result.outcome, "rolled_back", JSON.stringify(result));
      const last = result.steps.at(-1);
      // arr-helper's recreate already sees it exited, or the health gate does a moment later.
      assert.ok(["recreate", "health"].includes(last.step) && last.ok === false, JSON.stringify(last));
      assert.deepEqual(result.rollback.map((s: { step: string; ok: boolean }) => [s.step, s.ok]), [
        ["tag", true],
        ["recreate", true],
        ["health", true],
      ]);
      const after = await inspect();
      assert.notEqual(after.id, running.id);
      assert.deepEqual([after.image, after.state], [oldImage, "running"]);
      assert.equal(await podman("image", "inspect", "--format", "{{.Id}}", `${name}:latest`), oldImage);
    });
  } finally {
    await served.close();
    await removeStack(stack, ["app"]);
    await podman("rmi", "-f", `${name}:latest`, `${name}:arr-rollback-${container}`, ...images).catch(() =>
      ""
    );
  }
});

Deno.test("upgrade_apply rolls back a candidate whose health check fails, gated on the old one's passing", async () => {
  const tb = testbed();
  await using registry = await startLocalRegistry();
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  const repo = `arr/${uniqueName("health")}`;
  const name = `${registry.host}/${repo}`;
  const stack = uniqueName("upghealth");
  const container = `${stack}_app_1`;
  // The health check passes only for an image whose extra layer says "good".
  const good = await imageWithNewLayer(tb.image, uniqueName("upggood"), "good", [SLEEPS]);
  const bad = await imageWithNewLayer(tb.image, uniqueName("upgsick"), "sick", [SLEEPS]);
  const served = await serveUpgrades(dirs.socket, dirs.stacksDir, registry.host);
  try {
    await pushAs(good, registry.host, repo, "latest");
    await podman("pull", "--tls-verify=false", "-q", `${name}:latest`);
    await writeStack(
      dirs.stacksDir,
      stack,
      `services:\n  app:\n    image: ${name}:latest\n    healthcheck:\n` +
        `      test: ["CMD", "grep", "-q", "good", "/layer.txt"]\n      interval: 1h\n      retries: 1\n`,
    );
    const up = await helper.command("stack_up", { stack });
    assert.equal(up.body.ok, true, String(up.body.output));
    await pushAs(bad, registry.host, repo, "latest");
    await podman("tag", good, `${name}:latest`);

    const preview = await served.call("upgrade_apply", { container });
    const token = preview.structuredContent.confirm_token as string;
    let settled = false;
    const applying = served.call("upgrade_apply", { container, confirm_token: token }).finally(() => {
      settled = true;
    });
    // No systemd timers run health checks here: run each new container's check once, as its timer would.
    const checked = new Set<string>();
    while (!settled) {
      const seen = await podman(
        "container",
        "inspect",
        "--format",
        "{{.Id}} {{.State.Health.Status}}",
        container,
      )
        .catch(() => "");
      const [id, health] = seen.split(" ");
      if (id && health === "starting" && !checked.has(id)) {
        checked.add(id);
        await podman("healthcheck", "run", container).catch(() => "");
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    const done = await applying;
    const result = done.structuredContent.result;
    assert.equal(result.outcome, "rolled_back", JSON.stringify(result));
    assert.deepEqual(result.steps.at(-1), { step: "health", ok: false, detail: "its health check fails" });
    assert.deepEqual(result.rollback.at(-1), {
      step: "health",
      ok: true,
      detail: "it runs and its health check passes",
    });
    assert.equal(await podman("container", "inspect", "--format", "{{.Image}}", container), good);
  } finally {
    await served.close();
    await removeStack(stack, ["app"]);
    await podman("rmi", "-f", `${name}:latest`, `${name}:arr-rollback-${container}`, good, bad).catch(() =>
      ""
    );
  }
});
