import assert from "node:assert/strict";
import { composeBin, composeVersions, testbed, uniqueName, usePodmanCompose } from "../../testbed/testbed.ts";
import { STACK_STATUS_MARKER, StackStatus } from "../../../shared/helper_protocol.ts";
import { helperDirs, startHelper } from "./helper_process.ts";
import { projectContainers, removeStack, twoServiceCompose, writeStack } from "./stack_fixture.ts";
import { READER_VALIDATOR_LINE } from "../../../helper/compose_reader_check.ts";

function statusOf(output: unknown): StackStatus {
  const json = String(output).split(`${STACK_STATUS_MARKER}\n`)[1] ?? "";
  return StackStatus.parse(JSON.parse(json));
}

function podmanProcessesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const cmd = Deno.readTextFileSync(`/proc/${entry.name}/cmdline`).split("\0").join(" ");
      if (cmd.startsWith("podman ") && cmd.includes(text)) found.push(cmd);
    } catch { /* process ended */ }
  }
  return found;
}

for (const version of composeVersions()) {
  const label = `[podman-compose ${version}]`;

  Deno.test(`${label} stack_up starts a real two-service stack and stack_down removes it`, async () => {
    const tb = testbed();
    await using dirs = await helperDirs();
    await usePodmanCompose(dirs.binDir, version);
    const stack = uniqueName("hstack");
    await writeStack(dirs.stacksDir, stack, twoServiceCompose(tb.image));
    await using helper = await startHelper(dirs);
    try {
      const up = await helper.command("stack_up", { stack });
      assert.equal(up.status, 200);
      assert.equal(up.body.ok, true, String(up.body.output));
      assert.equal(up.body.exit_code, 0);
      assert.deepEqual(statusOf(up.body.output).containers.map((c) => [c.service, c.state]).sort(), [
        ["web", "running"],
        ["worker", "running"],
      ]);
      assert.deepEqual(await projectContainers(stack), {
        [`${stack}_web_1`]: "running",
        [`${stack}_worker_1`]: "running",
      });

      const down = await helper.command("stack_down", { stack });
      assert.equal(down.body.ok, true, String(down.body.output));
      assert.deepEqual(statusOf(down.body.output).containers, []);
      assert.deepEqual(await projectContainers(stack), {});
    } finally {
      await removeStack(stack, ["web", "worker"]);
    }
  });

  Deno.test(`${label} stack_up reports ok:false when a service does not stay up although podman-compose exits 0`, async () => {
    const tb = testbed();
    await using dirs = await helperDirs();
    await usePodmanCompose(dirs.binDir, version);
    const stack = uniqueName("hfail");
    const compose = `services:\n  web:\n    image: ${tb.image}\n    command: ["sleep", "3600"]\n` +
      `  broken:\n    image: ${tb.image}\n    command: ["/bin/no-such-program"]\n`;
    await writeStack(dirs.stacksDir, stack, compose);
    await using helper = await startHelper(dirs);
    try {
      const up = await helper.command("stack_up", { stack });
      assert.equal(up.status, 200);
      assert.equal(up.body.ok, false, String(up.body.output));
      assert.equal(up.body.exit_code, 1);
      const status = statusOf(up.body.output);
      assert.ok(status.missing_services.includes("broken"), JSON.stringify(status));
    } finally {
      await removeStack(stack, ["web", "broken"]);
    }
  });

  Deno.test(`${label} stack_pull of an unreachable image comes back ok:false with podman's error`, async () => {
    await using dirs = await helperDirs();
    await usePodmanCompose(dirs.binDir, version);
    const stack = uniqueName("hpull");
    await writeStack(
      dirs.stacksDir,
      stack,
      "services:\n  app:\n    image: registry.invalid/arrtest/nope:1\n",
    );
    await using helper = await startHelper(dirs);
    const pull = await helper.command("stack_pull", { stack });
    assert.equal(pull.status, 200);
    assert.equal(pull.body.ok, false);
    assert.notEqual(pull.body.exit_code, 0);
    assert.match(String(pull.body.output), /Pull failed: Error: .*registry\.invalid/);
  });

  Deno.test(`${label} compose_validate accepts a good file and reports a YAML error`, async () => {
    const tb = testbed();
    await using dirs = await helperDirs();
    await usePodmanCompose(dirs.binDir, version);
    const good = uniqueName("hvalid");
    const bad = uniqueName("hbroken");
    await writeStack(dirs.stacksDir, good, twoServiceCompose(tb.image));
    await writeStack(dirs.stacksDir, bad, "services: [\n");
    await using helper = await startHelper(dirs);
    // 1.0.3 has no `config`: the helper's own compose reader answers, and says so.
    const byReader = version === "1.0.3";
    assert.deepEqual((await helper.command("compose_validate", { stack: good })).body, {
      ok: true,
      output: byReader ? `${READER_VALIDATOR_LINE}\nweb\nworker` : "web\nworker",
      exit_code: 0,
    });
    const broken = await helper.command("compose_validate", { stack: bad });
    assert.equal(broken.body.ok, false);
    assert.match(
      String(broken.body.output),
      byReader
        ? /^Checked by arr-helper's compose reader.*\ncompose\.yaml: Cannot parse YAML/
        : /while parsing a flow node/,
    );
  });

  Deno.test(`${label} concurrent ops on one stack run one after another`, async () => {
    const tb = testbed();
    await using dirs = await helperDirs();
    await usePodmanCompose(dirs.binDir, version);
    const stack = uniqueName("hconc");
    await writeStack(dirs.stacksDir, stack, twoServiceCompose(tb.image));
    await using helper = await startHelper(dirs);
    try {
      const results = await Promise.all([
        helper.command("stack_up", { stack }),
        helper.command("compose_validate", { stack }),
        helper.command("stack_pull", { stack }),
        helper.command("stack_down", { stack }),
      ]);
      assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200]);
      const audit = await helper.audit(4);
      const spans = audit.map((a) => [Number(a.seq_start), Number(a.seq_end)] as const).sort((a, b) =>
        a[0] - b[0]
      );
      // The helper's order counter: each op must end before the next one on the stack begins.
      for (let i = 1; i < spans.length; i++) {
        assert.ok(spans[i - 1]![1] < spans[i]![0], JSON.stringify(spans));
      }
      assert.deepEqual(spans.flat(), [1, 2, 3, 4, 5, 6, 7, 8]);
    } finally {
      await removeStack(stack, ["web", "worker"]);
    }
  });

  Deno.test(`${label} a timed-out stack_restart stops podman-compose and the podman process it started`, async () => {
    const tb = testbed();
    await using dirs = await helperDirs();
    await usePodmanCompose(dirs.binDir, version);
    const stack = uniqueName("htime");
    // PID 1 `sleep` ignores SIGTERM, so `podman restart -t 60` waits the full grace period.
    const compose = `services:\n  stubborn:\n    image: ${tb.image}\n    command: ["sleep", "3600"]\n` +
      "    stop_grace_period: 60s\n";
    await writeStack(dirs.stacksDir, stack, compose);
    const file = `${dirs.stacksDir}/${stack}/compose.yaml`;
    try {
      const up = await new Deno.Command(composeBin(version), {
        args: [`--project-name=${stack}`, `--file=${file}`, "up", "-d"],
        stdout: "null",
        stderr: "null",
      }).output();
      assert.equal(up.code, 0);
      assert.deepEqual(await projectContainers(stack), { [`${stack}_stubborn_1`]: "running" });
      await using helper = await startHelper(dirs, {
        ARR_HELPER_TIMEOUT_S: "2",
        ARR_HELPER_STOP_TIMEOUT_S: "",
      });
      const restart = await helper.command("stack_restart", { stack });
      assert.equal(restart.status, 200);
      assert.equal(restart.body.ok, false);
      assert.equal(restart.body.exit_code, 124);
      assert.match(String(restart.body.output), /^Timed out: /);
      assert.deepEqual(podmanProcessesMentioning(`${stack}_stubborn_1`), []);
    } finally {
      await removeStack(stack, ["stubborn"]);
    }
  });
}
