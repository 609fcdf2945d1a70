import assert from "node:assert/strict";
import { CASE_INPUTS } from "../../../unit/shared/quadlet/_cases_input.ts";
import { runCase } from "../../../unit/shared/quadlet/_cases.ts";
import { createStack } from "./_podman_stack.ts";
import { assertGeneratorAccepts, execStart } from "./quadlet_generator.ts";

Deno.test("every fixture's units pass the real quadlet 5.4.2 generator", async (t) => {
  for (const c of CASE_INPUTS) {
    await t.step(c.name, async () => {
      const result = runCase(c);
      assert.ok(result.ok);
      await assertGeneratorAccepts(Object.fromEntries(result.value.units.map((u) => [u.fileName, u.text])));
    });
  }
});

Deno.test("quadlet generator turns quoted Exec, Environment and HealthCmd into the intended podman arguments", async () => {
  const c = CASE_INPUTS.find((x) => x.name === "command and entrypoint quoting");
  assert.ok(c);
  const result = runCase(c);
  assert.ok(result.ok);
  const run = await assertGeneratorAccepts(
    Object.fromEntries(result.value.units.map((u) => [u.fileName, u.text])),
  );
  const list = execStart(run, "list.service");
  assert.match(list, /--entrypoint "\[\\"\/bin\/tini\\",\\"--\\"\]"/);
  assert.ok(
    list.endsWith(` docker.io/library/x sh -c "echo \\"hi there\\" > /tmp/x; echo 50%% $$HOME"`),
    list,
  );
  assert.ok(
    execStart(run, "empty_entrypoint.service").includes(
      `--entrypoint= docker.io/library/x echo "single quoted" double`,
    ),
  );
});

Deno.test("quadlet generator resolves Network=vpn.container to the VPN container's namespace", async () => {
  const c = CASE_INPUTS.find((x) => x.name === "network_mode service on Podman 5.4 uses the container unit");
  assert.ok(c);
  const result = runCase(c);
  assert.ok(result.ok);
  const run = await assertGeneratorAccepts(
    Object.fromEntries(result.value.units.map((u) => [u.fileName, u.text])),
  );
  assert.match(execStart(run, "torrent.service"), /--network container:vpn /);
  assert.match(run.services.get("torrent.service") ?? "", /^Requires=vpn\.service$/m);
});

Deno.test("quadlet generator builds the image of a .build unit before the container runs it", async () => {
  const c = CASE_INPUTS.find((x) => x.name === "build becomes a .build unit on Podman 5.2+");
  assert.ok(c);
  const result = runCase(c);
  assert.ok(result.ok);
  const run = await assertGeneratorAccepts(
    Object.fromEntries(result.value.units.map((u) => [u.fileName, u.text])),
  );
  assert.equal(
    execStart(run, "app-build.service"),
    "ExecStart=/usr/bin/podman build --target runtime --tag localhost/app:latest --label org.example.role=app " +
      "--file /srv/app/app/Containerfile.prod --build-arg VERSION=1.2 /srv/app/app",
  );
  assert.match(run.services.get("app.service") ?? "", /^Requires=app-build\.service$/m);
  assert.match(execStart(run, "app.service"), / localhost\/app:latest$/);
  assert.match(execStart(run, "tool.service"), / registry\.example\.com\/tool:2$/);
});

Deno.test("quadlet generator runs a service others wait to complete in the foreground as a one-shot unit", async () => {
  const c = CASE_INPUTS.find((x) => x.name.startsWith("a service others wait for to complete"));
  assert.ok(c);
  const result = runCase(c);
  assert.ok(result.ok);
  const run = await assertGeneratorAccepts(
    Object.fromEntries(result.value.units.map((u) => [u.fileName, u.text])),
  );
  const migrate = run.services.get("migrate.service") ?? "";
  assert.match(migrate, /^Type=oneshot$/m);
  assert.match(migrate, /^RemainAfterExit=yes$/m);
  assert.doesNotMatch(execStart(run, "migrate.service"), / -d |--sdnotify/);
  assert.match(run.services.get("app.service") ?? "", /^After=migrate\.service$/m);
  assert.match(run.services.get("app.service") ?? "", /^Type=notify$/m);
});

Deno.test("every fixture's units are accepted by real Podman: networks, volumes and containers created", async (t) => {
  for (const c of CASE_INPUTS) {
    await t.step(c.name, async () => {
      const result = runCase(c);
      assert.ok(result.ok);
      const stack = await createStack(result.value.units, c.envFiles);
      try {
        assert.deepEqual([...stack.refused], []);
      } finally {
        await stack.remove();
      }
    });
  }
});
