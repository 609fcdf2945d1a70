/** The real arr-helper (started as it ships) finds a stack's compose file by the shared names, in podman-compose's order. */
import assert from "node:assert/strict";
import { testbed, uniqueName } from "../../testbed/testbed.ts";
import { helperDirs, startHelper } from "./helper_process.ts";

const oneService = (service: string, image: string) =>
  `services:\n  ${service}:\n    image: ${image}\n    command: ["sleep", "1"]\n`;

/** What the real helper's compose_validate answers for a stack holding `files` (file name → service name). */
async function validateWith(files: Record<string, string>) {
  const image = testbed().image;
  await using dirs = await helperDirs();
  const stack = uniqueName("hnames");
  await Deno.mkdir(`${dirs.stacksDir}/${stack}`);
  for (const [file, service] of Object.entries(files)) {
    await Deno.writeTextFile(`${dirs.stacksDir}/${stack}/${file}`, oneService(service, image));
  }
  await using helper = await startHelper(dirs);
  return (await helper.command("compose_validate", { stack })).body;
}

Deno.test("arr-helper validates a stack whose only compose file is docker-compose.yaml", async () => {
  assert.deepEqual(await validateWith({ "docker-compose.yaml": "fromyaml" }), {
    ok: true,
    output: "fromyaml",
    exit_code: 0,
  });
});

Deno.test("arr-helper uses docker-compose.yml over docker-compose.yaml, the order podman-compose looks for them", async () => {
  const body = await validateWith({ "docker-compose.yaml": "fromyaml", "docker-compose.yml": "fromyml" });
  assert.equal(body.output, "fromyml");
});

Deno.test("arr-helper refuses a symlinked docker-compose.yaml instead of running it", async () => {
  const tb = testbed();
  await using dirs = await helperDirs();
  const stack = uniqueName("hlink");
  await Deno.mkdir(`${dirs.stacksDir}/${stack}`);
  await Deno.writeTextFile(`${dirs.root}/elsewhere.yaml`, oneService("elsewhere", tb.image));
  await Deno.symlink(`${dirs.root}/elsewhere.yaml`, `${dirs.stacksDir}/${stack}/docker-compose.yaml`);
  await using helper = await startHelper(dirs);
  const r = await helper.command("compose_validate", { stack });
  assert.equal(r.status, 400);
  assert.equal(
    r.body.error,
    `Invalid argument "stack": "${dirs.stacksDir}/${stack}/docker-compose.yaml" is not a regular file`,
  );
});
