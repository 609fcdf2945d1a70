/**
 * stack_migrate_to_quadlets end to end: a real MCP client, the real arr-mcp app with the testbed's Podman API,
 * the real arr-helper (as it ships), real podman-compose 1.3.0 for the compose side, the real quadlet generator,
 * and a systemctl stand-in that records each call and runs each started unit's generated ExecStart= on real
 * Podman (tests/integration/mcp/quadlets/_systemd_stand_in.ts: no systemd runs here). A named volume holds a
 * file written under compose; it must still be there, and mounted by the unit's container.
 */
import assert from "node:assert/strict";
import { MCP_CORE_FAMILIES } from "../../../../mcp/server/core_families.ts";
import { quadletConvertFamily } from "../../../../mcp/quadlets/convert/convert_tools.ts";
import { podman, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { helperDirs, startHelper } from "../../helper/helper_process.ts";
import { projectContainers, removeStack, writeStack } from "../../helper/stack_fixture.ts";
import { errorOf, serveArrMcp } from "../../_support/harness.ts";
import { installStandIn } from "./_systemd_stand_in.ts";

const compose = (image: string) =>
  `services:\n  app:\n    image: ${image}\n    command: ["sleep", "3600"]\n    volumes: [data:/data]\n` +
  "volumes:\n  data: {}\n";

async function migrationWorld() {
  const tb = testbed();
  const dirs = await helperDirs();
  await Deno.mkdir(dirs.quadletDir, { recursive: true });
  const standIn = await installStandIn(dirs.binDir, dirs.root, dirs.quadletDir);
  const stack = uniqueName("mig");
  await writeStack(dirs.stacksDir, stack, compose(tb.image));
  const helper = await startHelper(dirs);
  const served = await serveArrMcp({
    env: {
      ARR_HELPER_SOCKET: dirs.socket,
      ARR_STACKS_DIR: dirs.stacksDir,
      ARR_RUNTIME_SOCKET: tb.podmanSocket,
    },
    families: [
      ...MCP_CORE_FAMILIES,
      quadletConvertFamily({ validate: () => Promise.reject(new Error("arr-helper validates")) }),
    ],
  });
  const unitContainers = async () =>
    (await podman(
      "ps",
      "-a",
      "--filter",
      `label=PODMAN_SYSTEMD_UNIT=${stack}-app.service`,
      "--format",
      "{{.Names}}",
    ))
      .split("\n").filter(Boolean);
  const recorded = async () =>
    (await Deno.readTextFile(standIn.record).catch(() => "")).split("\n").filter(Boolean);
  const units = async () => {
    const names: string[] = [];
    for await (const e of Deno.readDir(dirs.quadletDir)) if (e.isFile) names.push(e.name);
    return names.sort();
  };
  return {
    dirs,
    stack,
    standIn,
    helper,
    served,
    unitContainers,
    recorded,
    units,
    async [Symbol.asyncDispose]() {
      await served.close();
      for (const name of await unitContainers()) await podman("rm", "-f", "-t", "0", name);
      await removeStack(stack, ["app"]);
      await podman("volume", "rm", "-f", `${stack}_data`).catch(() => "");
      await podman("network", "rm", "-f", `${stack}_default`).catch(() => "");
      await helper.stop();
      await Deno.remove(dirs.root, { recursive: true });
    },
  };
}

async function upWithFile(w: Awaited<ReturnType<typeof migrationWorld>>): Promise<void> {
  const up = await w.helper.command("stack_up", { stack: w.stack });
  assert.equal(up.body.ok, true, String(up.body.output));
  await podman("exec", `${w.stack}_app_1`, "sh", "-c", "echo kept-by-migration > /data/keep.txt");
}

Deno.test("stack_migrate_to_quadlets moves a running compose stack onto its units; the volume and its file stay", async () => {
  await using w = await migrationWorld();
  await upWithFile(w);
  const preview = await w.served.call("stack_migrate_to_quadlets", { stack: w.stack });
  assert.equal(preview.structuredContent.status, "confirmation_required", JSON.stringify(preview));
  const details = preview.structuredContent.preview.details;
  assert.deepEqual(details.compose_containers_stopped, [{
    name: `${w.stack}_app_1`,
    service: "app",
    running: true,
  }]);
  assert.deepEqual(details.volumes_carried_over, [`${w.stack}_data`]);
  assert.equal(details.validation.validated_by, "arr-helper");
  assert.deepEqual(await w.recorded(), [], "the preview changes nothing");
  assert.deepEqual(await w.units(), []);

  const done = await w.served.call("stack_migrate_to_quadlets", {
    stack: w.stack,
    confirm_token: preview.structuredContent.confirm_token,
  });
  assert.equal(done.isError, undefined, JSON.stringify(done.content));
  const result = done.structuredContent.result;
  assert.deepEqual(result.steps.map((s: { name: string; ok: boolean }) => [s.name, s.ok]), [
    ["write_units", true],
    ["daemon_reload", true],
    ["stop_compose", true],
    ["start_units", true],
    ["verify", true],
  ]);
  assert.deepEqual(await w.units(), [
    `${w.stack}-app.container`,
    `${w.stack}-data.volume`,
    `${w.stack}-default.network`,
  ]);
  assert.deepEqual(await w.recorded(), [
    "--user daemon-reload",
    `--user --no-pager start ${w.stack}-app.service`,
  ]);
  assert.deepEqual(await projectContainers(w.stack), {}, "compose's container is gone");
  assert.ok((await podman("volume", "ls", "--format", "{{.Name}}")).split("\n").includes(`${w.stack}_data`));
  const [unitContainer] = await w.unitContainers();
  assert.ok(unitContainer, "the unit's container runs");
  assert.equal(await podman("exec", unitContainer, "cat", "/data/keep.txt"), "kept-by-migration");
  const mounts = JSON.parse(await podman("inspect", unitContainer, "--format", "{{json .Mounts}}"));
  assert.deepEqual(mounts.map((m: { Name: string; Destination: string }) => [m.Name, m.Destination]), [
    [`${w.stack}_data`, "/data"],
  ]);
});

Deno.test("stack_migrate_to_quadlets rolls back when a unit fails to start: units removed, compose up again", async () => {
  await using w = await migrationWorld();
  await upWithFile(w);
  const preview = await w.served.call("stack_migrate_to_quadlets", { stack: w.stack });
  await Deno.writeTextFile(w.standIn.failStart, "");
  const failed = await w.served.call("stack_migrate_to_quadlets", {
    stack: w.stack,
    confirm_token: preview.structuredContent.confirm_token,
  });
  const error = errorOf(failed);
  assert.equal(error.kind, "migration_failed");
  assert.match(error.message, /start_units failed; rolled back/);
  assert.deepEqual(
    error.message.split("\n").slice(1).map((l) => l.split(":")[0]),
    [
      "write_units",
      "daemon_reload",
      "stop_compose",
      "start_units",
      "rollback stop_units",
      "rollback remove_units",
      "rollback daemon_reload",
      "rollback start_compose",
    ],
  );
  assert.deepEqual(await w.recorded(), [
    "--user daemon-reload",
    `--user --no-pager start ${w.stack}-app.service`,
    `--user --no-pager stop ${w.stack}-app.service`,
    "--user daemon-reload",
  ]);
  assert.deepEqual(await w.units(), [], "the installed units are removed");
  const backups = [...Deno.readDirSync(`${w.dirs.quadletDir}/.arr-helper-backup`)].map((e) => e.name);
  assert.equal(backups.filter((n) => n.endsWith(".deleted.bak")).length, 3, "arr-helper kept their copies");
  assert.deepEqual(await projectContainers(w.stack), { [`${w.stack}_app_1`]: "running" });
  assert.equal(await podman("exec", `${w.stack}_app_1`, "cat", "/data/keep.txt"), "kept-by-migration");
  assert.deepEqual(await w.unitContainers(), []);
});

Deno.test("stack_migrate_to_quadlets rolls back when a started unit runs no container: verify fails, compose up again", async () => {
  await using w = await migrationWorld();
  await upWithFile(w);
  await Deno.writeTextFile(w.standIn.noopStart, "");
  const preview = await w.served.call("stack_migrate_to_quadlets", { stack: w.stack });
  const error = errorOf(
    await w.served.call("stack_migrate_to_quadlets", {
      stack: w.stack,
      confirm_token: preview.structuredContent.confirm_token,
    }),
  );
  assert.equal(error.kind, "migration_failed");
  assert.match(error.message, /verify failed; rolled back/);
  assert.match(
    error.message,
    new RegExp(`verify: FAILED: ${w.stack}-app\\.service: no container runs under it`),
  );
  assert.deepEqual(await w.recorded(), [
    "--user daemon-reload",
    `--user --no-pager start ${w.stack}-app.service`,
    `--user --no-pager stop ${w.stack}-app.service`,
    "--user daemon-reload",
  ]);
  assert.deepEqual(await w.units(), []);
  assert.deepEqual(await projectContainers(w.stack), { [`${w.stack}_app_1`]: "running" });
  assert.equal(await podman("exec", `${w.stack}_app_1`, "cat", "/data/keep.txt"), "kept-by-migration");
});
