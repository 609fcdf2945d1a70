/** stack_service_recreate under the real helper and both podman-compose versions: one service, nothing else. */
import assert from "node:assert/strict";
import { composeVersions, podman, testbed, uniqueName, usePodmanCompose } from "../../testbed/testbed.ts";
import { STACK_STATUS_MARKER, StackStatus } from "../../../shared/helper_protocol.ts";
import { helperDirs, startHelper } from "./helper_process.ts";
import { removeStack, writeStack } from "./stack_fixture.ts";

const idOf = (name: string) => podman("container", "inspect", "--format", "{{.Id}}", name);

for (const version of composeVersions()) {
  const label = `[podman-compose ${version}]`;

  Deno.test(`${label} stack_service_recreate gives one service a new container and leaves its dependency`, async () => {
    const tb = testbed();
    await using dirs = await helperDirs();
    await usePodmanCompose(dirs.binDir, version);
    const stack = uniqueName("hrec");
    const compose = [
      "services:",
      "  web:",
      `    image: ${tb.image}`,
      '    command: ["sleep", "3600"]',
      "    depends_on: [worker]",
      "  worker:",
      `    image: ${tb.image}`,
      '    command: ["sleep", "3600"]',
      "",
    ].join("\n");
    await writeStack(dirs.stacksDir, stack, compose);
    await using helper = await startHelper(dirs);
    try {
      const up = await helper.command("stack_up", { stack });
      assert.equal(up.body.ok, true, String(up.body.output));
      const web = await idOf(`${stack}_web_1`);
      const worker = await idOf(`${stack}_worker_1`);

      const r = await helper.command("stack_service_recreate", { stack, service: "web" });
      assert.equal(r.status, 200);
      assert.equal(r.body.ok, true, String(r.body.output));
      const status = StackStatus.parse(
        JSON.parse(String(r.body.output).split(`${STACK_STATUS_MARKER}\n`)[1]!),
      );
      assert.deepEqual(status.missing_services, []);
      assert.notEqual(await idOf(`${stack}_web_1`), web, "web is a new container");
      assert.equal(await idOf(`${stack}_worker_1`), worker, "its dependency was not recreated");
      assert.equal(
        await podman("container", "inspect", "--format", "{{.State.Status}}", `${stack}_web_1`),
        "running",
      );
    } finally {
      await removeStack(stack, ["web", "worker"]);
    }
  });

  Deno.test(`${label} stack_service_recreate refuses a service the compose file does not have`, async () => {
    const tb = testbed();
    await using dirs = await helperDirs();
    await usePodmanCompose(dirs.binDir, version);
    const stack = uniqueName("hrecbad");
    await writeStack(dirs.stacksDir, stack, `services:\n  web:\n    image: ${tb.image}\n`);
    await using helper = await startHelper(dirs);
    const file = `${dirs.stacksDir}/${stack}/compose.yaml`;
    assert.deepEqual(await helper.command("stack_service_recreate", { stack, service: "db" }), {
      status: 400,
      body: {
        ok: false,
        error: `Invalid argument "service": "db" is not a service of "${file}"`,
        exit_code: 1,
      },
    });
    const dash = await helper.command("stack_service_recreate", { stack, service: "--all" });
    assert.equal(dash.status, 400);
    assert.match(String(dash.body.error), /^Invalid argument "service": "--all" must not start with "-"/);
  });
}
