import assert from "node:assert/strict";
import { denoFs } from "../../../helper/fs.ts";
import { createOperations } from "../../../helper/operations.ts";
import type { OpOutcome } from "../../../helper/outcome.ts";
import type { Runner, RunOptions, RunResult } from "../../../helper/run_command.ts";
import { INFO_TTL_MS } from "../../../helper/info_cache.ts";
import { READER_VALIDATOR_LINE } from "../../../helper/compose_reader_check.ts";
import { HelperInfo, STACK_STATUS_MARKER } from "../../../shared/helper_protocol.ts";

interface Call {
  cmd: string;
  args: readonly string[];
  options: RunOptions | undefined;
}

const result = (over: Partial<RunResult> = {}): RunResult => ({
  code: 0,
  stdout: "",
  stderr: "",
  timedOut: false,
  truncated: false,
  ...over,
});

const psJson = (state: string) =>
  JSON.stringify([{ Names: ["web_app_1"], State: state, Labels: { "com.docker.compose.service": "app" } }]);

async function setup(
  answer: (call: Call) => RunResult | Promise<RunResult> = () => result(),
  now: () => Date = () => new Date("2026-11-22T00:00:00Z"),
  generator: string | null = null,
) {
  const root = await Deno.realPath(await Deno.makeTempDir());
  await Deno.mkdir(`${root}/stacks/web`, { recursive: true });
  await Deno.writeTextFile(`${root}/stacks/web/compose.yaml`, "services:\n  app:\n    image: x\n");
  await Deno.mkdir(`${root}/quadlets`);
  await Deno.mkdir(`${root}/run`);
  const calls: Call[] = [];
  const runner: Runner = (cmd, args, options) => {
    const call = { cmd, args, options };
    calls.push(call);
    return Promise.resolve(answer(call));
  };
  const ops = createOperations({
    runner,
    fs: denoFs,
    now,
    stacksDir: `${root}/stacks`,
    quadletDir: `${root}/quadlets`,
    generator,
    workDir: `${root}/run`,
    stopTimeoutS: 1,
  });
  const trace = () => ({ seqStart: null, seqEnd: null });
  return { root, ops, calls, trace, [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }) };
}

function doneOf(outcome: OpOutcome) {
  assert.equal(outcome.kind, "done");
  return outcome as Extract<OpOutcome, { kind: "done" }>;
}

Deno.test("stack_up runs podman-compose with fixed argv and judges the stack by podman ps on its label", async () => {
  await using t = await setup((
    c,
  ) => (c.args.includes("ps") ? result({ stdout: psJson("running") }) : result()));
  const out = doneOf(await t.ops.stack_up({ stack: "web" }, t.trace()));
  const file = `${t.root}/stacks/web/compose.yaml`;
  assert.deepEqual(t.calls.map((c) => [c.cmd, ...c.args]), [
    ["podman-compose", "--project-name=web", `--file=${file}`, "up", "-d", "-t", "1"],
    ["podman", "ps", "-a", "--filter", "label=io.podman.compose.project=web", "--format", "json"],
  ]);
  assert.equal(t.calls[0]?.options?.cwd, `${t.root}/stacks/web`);
  assert.equal(out.ok, true);
  assert.equal(out.exitCode, 0);
  const status = JSON.parse(out.output.split(`${STACK_STATUS_MARKER}\n`)[1] ?? "");
  assert.deepEqual(status, {
    stack: "web",
    containers: [{ name: "web_app_1", service: "app", state: "running" }],
    missing_services: [],
  });
});

Deno.test("stack_service_recreate removes the service's old container with podman, then ups only it", async () => {
  let ps = 0;
  const listed = (id: string) =>
    JSON.stringify([{
      Id: id,
      Names: ["web_app_1"],
      State: "running",
      Labels: { "com.docker.compose.service": "app" },
    }]);
  await using t = await setup((
    c,
  ) => (c.args[0] === "ps" ? result({ stdout: listed(ps++ === 0 ? "old" : "new") }) : result()));
  const out = doneOf(await t.ops.stack_service_recreate({ stack: "web", service: "app" }, t.trace()));
  const file = `${t.root}/stacks/web/compose.yaml`;
  const psArgs = [
    "podman",
    "ps",
    "-a",
    "--filter",
    "label=io.podman.compose.project=web",
    "--format",
    "json",
  ];
  assert.deepEqual(t.calls.map((c) => [c.cmd, ...c.args]), [
    psArgs,
    ["podman", "rm", "--force", "-t", "1", "old"],
    ["podman-compose", "--project-name=web", `--file=${file}`, "up", "-d", "--no-deps", "app"],
    psArgs,
  ]);
  assert.deepEqual([out.ok, out.exitCode], [true, 0]);
});

Deno.test("stack_service_recreate reports ok:false when the same container is still there", async () => {
  const listed = JSON.stringify([{
    Id: "old",
    Names: ["web_app_1"],
    State: "running",
    Labels: { "com.docker.compose.service": "app" },
  }]);
  await using t = await setup((c) => (c.args[0] === "ps" ? result({ stdout: listed }) : result()));
  const out = doneOf(await t.ops.stack_service_recreate({ stack: "web", service: "app" }, t.trace()));
  assert.deepEqual([out.ok, out.exitCode], [false, 1]);
  assert.match(out.output, /"missing_services":\["app"\]/);
});

Deno.test("stack_up reports failure when podman-compose exits 0 but nothing runs", async () => {
  await using t = await setup((
    c,
  ) => (c.args.includes("ps") ? result({ stdout: psJson("exited") }) : result()));
  const out = doneOf(await t.ops.stack_up({ stack: "web" }, t.trace()));
  assert.equal(out.ok, false);
  assert.equal(out.exitCode, 1);
});

Deno.test("stack_down is ok only when ps lists no container", async () => {
  let left = psJson("exited");
  await using t = await setup((c) => (c.args.includes("ps") ? result({ stdout: left }) : result()));
  assert.equal(doneOf(await t.ops.stack_down({ stack: "web" }, t.trace())).ok, false);
  left = "[]";
  assert.equal(doneOf(await t.ops.stack_down({ stack: "web" }, t.trace())).ok, true);
  assert.deepEqual(t.calls[0]?.args.slice(2), ["down", "-t", "1"]);
});

Deno.test("stack_pull turns podman's Error: lines into ok:false with the error text", async () => {
  const stderr =
    "Trying to pull registry.invalid/x...\nError: initializing source docker://registry.invalid/x: " +
    "no such host\n";
  await using t = await setup(() => result({ stderr }));
  const out = doneOf(await t.ops.stack_pull({ stack: "web" }, t.trace()));
  assert.equal(out.ok, false);
  assert.equal(out.exitCode, 1);
  assert.match(
    out.output,
    /Pull failed: Error: initializing source docker:\/\/registry\.invalid\/x: no such host/,
  );
});

Deno.test("compose_validate uses config --services so no interpolated values come back", async () => {
  await using t = await setup(() => result({ stdout: "app\n" }));
  const out = doneOf(await t.ops.compose_validate({ stack: "web" }, t.trace()));
  assert.deepEqual(t.calls[0]?.args.slice(2), ["config", "--services"]);
  assert.deepEqual([out.ok, out.output], [true, "app"]);
});

/** podman-compose 1.0.3's answer to `config`, word for word (argparse, exit 2). */
const NO_CONFIG =
  "usage: podman_compose.py [-h] [-v] [-f file] [-p PROJECT_NAME]\npodman_compose.py: error: " +
  "argument command: invalid choice: 'config' (choose from 'help', 'version', 'pull', 'push', 'build', 'up', " +
  "'down', 'ps', 'run', 'exec', 'start', 'stop', 'restart', 'logs')\n";

Deno.test("compose_validate falls back to the compose reader where podman-compose has no config", async () => {
  await using t = await setup(() => result({ code: 2, stderr: NO_CONFIG }));
  await Deno.writeTextFile(
    `${t.root}/stacks/web/compose.yaml`,
    "services:\n  app:\n    image: ${IMAGE}\n  db:\n    image: x\n    environment: [PASSWORD=hunter2]\n",
  );
  await Deno.writeTextFile(`${t.root}/stacks/web/.env`, "IMAGE=busybox\n");
  const out = doneOf(await t.ops.compose_validate({ stack: "web" }, t.trace()));
  assert.deepEqual([out.ok, out.exitCode], [true, 0]);
  assert.deepEqual(out.output.split("\n"), [READER_VALIDATOR_LINE, "app", "db"]);
  assert.equal(t.calls.length, 1, "podman-compose config is tried first, once");

  await Deno.writeTextFile(
    `${t.root}/stacks/web/compose.yaml`,
    "services:\n  app:\n    image: ${NEEDED:?set it}\n",
  );
  const bad = doneOf(await t.ops.compose_validate({ stack: "web" }, t.trace()));
  assert.deepEqual([bad.ok, bad.exitCode], [false, 1]);
  assert.match(
    bad.output,
    /^Checked by arr-helper's compose reader.*\ncompose\.yaml: service "app" image: .*set it/,
  );
  assert.ok(!bad.output.includes("hunter2"));
});

Deno.test("compose_validate reports podman-compose config's own failure without falling back", async () => {
  await using t = await setup(() => result({ code: 1, stderr: "yaml.scanner.ScannerError: bad\n" }));
  const out = doneOf(await t.ops.compose_validate({ stack: "web" }, t.trace()));
  assert.deepEqual([out.ok, out.output], [false, "yaml.scanner.ScannerError: bad"]);
});

Deno.test("quadlet_write without a generator refuses with the host's Podman version and writes nothing", async () => {
  await using t = await setup((c) =>
    c.cmd === "podman-compose"
      ? result({ stdout: "podman-composer version  1.0.3\npodman version 4.3.1\n" })
      : result({ code: 99 })
  );
  const content = "[Container]\nImage=localhost/busybox:test\n";
  const out = doneOf(await t.ops.quadlet_write({ name: "web", type: "container", content }, t.trace()));
  assert.deepEqual([out.ok, out.exitCode], [false, 127]);
  assert.match(out.output, /^Quadlets need Podman 4\.4 or later; this host has Podman 4\.3\.1: install/);
  assert.deepEqual(JSON.parse(doneOf(await t.ops.quadlet_list({}, t.trace())).output), []);
});

Deno.test("info asks podman --version when podman-compose is missing", async () => {
  await using t = await setup((c) =>
    c.cmd === "podman" ? result({ stdout: "podman version 4.9.3\n" }) : result({ code: 127 })
  );
  const info = JSON.parse(doneOf(await t.ops.info({}, t.trace())).output);
  assert.deepEqual([info.podman, info.podman_compose, info.quadlet], ["4.9.3", null, null]);
});

Deno.test("stack ops report a timeout as exit 124", async () => {
  await using t = await setup((
    c,
  ) => (c.args.includes("ps") ? result({ stdout: "[]" }) : result({ code: 124, timedOut: true })));
  const out = doneOf(await t.ops.stack_restart({ stack: "web" }, t.trace()));
  assert.deepEqual([out.ok, out.exitCode], [false, 124]);
  assert.match(out.output, /^Timed out: /);
});

Deno.test("stack ops reject bad or unknown stacks before running anything", async (t) => {
  await using s = await setup();
  await Deno.mkdir(`${s.root}/stacks/empty`);
  await Deno.symlink(`${s.root}/stacks/web`, `${s.root}/stacks/alias`);
  await Deno.mkdir(`${s.root}/stacks/linked`);
  await Deno.symlink("/etc/hostname", `${s.root}/stacks/linked/compose.yaml`);
  const cases: Array<[unknown, string]> = [
    ["../web", 'Invalid argument "stack": "../web" must match ^[A-Za-z0-9][A-Za-z0-9_-]*$'],
    ["nope", `Invalid argument "stack": no stack "nope" in "${s.root}/stacks"`],
    [
      "empty",
      `Invalid argument "stack": "${s.root}/stacks/empty" has no compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml`,
    ],
    ["alias", `Invalid argument "stack": "${s.root}/stacks/alias" is a symlink`],
    ["linked", `Invalid argument "stack": "${s.root}/stacks/linked/compose.yaml" is not a regular file`],
    [undefined, 'Invalid argument "stack": value is missing'],
  ];
  for (const [stack, error] of cases) {
    await t.step(String(stack), async () => {
      assert.deepEqual(await s.ops.stack_up({ stack }, s.trace()), { kind: "rejected", error });
    });
  }
  assert.deepEqual(s.calls, []);
});

Deno.test("stack ops find docker-compose.yml when there is no compose.yaml", async () => {
  await using t = await setup(() => result({ stdout: "[]" }));
  await Deno.mkdir(`${t.root}/stacks/old`);
  await Deno.writeTextFile(`${t.root}/stacks/old/docker-compose.yml`, "services: {}\n");
  await t.ops.stack_down({ stack: "old" }, t.trace());
  assert.equal(t.calls[0]?.args[1], `--file=${t.root}/stacks/old/docker-compose.yml`);
});

Deno.test("stack ops accept docker-compose.yaml, and pick docker-compose.yml first as podman-compose does", async () => {
  await using t = await setup(() => result({ stdout: "[]" }));
  await Deno.mkdir(`${t.root}/stacks/yaml`);
  await Deno.writeTextFile(`${t.root}/stacks/yaml/docker-compose.yaml`, "services: {}\n");
  await t.ops.stack_down({ stack: "yaml" }, t.trace());
  assert.equal(t.calls[0]?.args[1], `--file=${t.root}/stacks/yaml/docker-compose.yaml`);
  await Deno.writeTextFile(`${t.root}/stacks/yaml/docker-compose.yml`, "services: {}\n");
  await t.ops.stack_down({ stack: "yaml" }, t.trace());
  assert.equal(t.calls.at(-2)?.args[1], `--file=${t.root}/stacks/yaml/docker-compose.yml`);
});

Deno.test("stack ops refuse a symlinked docker-compose.yaml rather than skip it", async () => {
  await using t = await setup();
  await Deno.mkdir(`${t.root}/stacks/linked`);
  await Deno.writeTextFile(`${t.root}/real.yaml`, "services: {}\n");
  await Deno.symlink(`${t.root}/real.yaml`, `${t.root}/stacks/linked/docker-compose.yaml`);
  assert.deepEqual(await t.ops.stack_up({ stack: "linked" }, t.trace()), {
    kind: "rejected",
    error: `Invalid argument "stack": "${t.root}/stacks/linked/docker-compose.yaml" is not a regular file`,
  });
  assert.deepEqual(t.calls, []);
});

Deno.test("stack ops on one stack run one at a time, in arrival order", async () => {
  const events: string[] = [];
  let releaseDown = () => {};
  let downStarted = () => {};
  const started = new Promise<void>((resolve) => (downStarted = resolve));
  await using t = await setup((c) => {
    const verb = c.cmd === "podman" ? c.args[0] ?? "" : c.args[2] ?? "";
    events.push(`${verb} start`);
    if (verb !== "down") return result({ stdout: verb === "ps" ? "[]" : "" });
    downStarted();
    return new Promise<RunResult>((resolve) => {
      releaseDown = () => {
        events.push("down end");
        resolve(result());
      };
    });
  });
  const traces = [t.trace(), t.trace()] as const;
  const first = t.ops.stack_down({ stack: "web" }, traces[0]);
  const second = t.ops.stack_pull({ stack: "web" }, traces[1]);
  await started;
  // Give the second op many turns of the event loop: without the lock it would reach the runner now.
  for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 1));
  assert.deepEqual(events, ["down start"]);
  releaseDown();
  await Promise.all([first, second]);
  assert.deepEqual(events, ["down start", "down end", "ps start", "pull start"]);
  assert.ok(traces[0].seqEnd! < traces[1].seqStart!, JSON.stringify(traces));
});

Deno.test("systemd ops run systemctl --user with the exact argv", async () => {
  await using t = await setup((c) => result({ code: c.args.includes("status") ? 3 : 0, stdout: "inactive" }));
  await t.ops.systemd_start({ unit: "sonarr.service" }, t.trace());
  await t.ops.systemd_stop({ unit: "sonarr.service" }, t.trace());
  await t.ops.systemd_restart({ unit: "sonarr.service" }, t.trace());
  const status = doneOf(await t.ops.systemd_status({ unit: "sonarr.service" }, t.trace()));
  await t.ops.systemd_daemon_reload({}, t.trace());
  assert.deepEqual(t.calls.map((c) => [c.cmd, ...c.args]), [
    ["systemctl", "--user", "--no-pager", "start", "sonarr.service"],
    ["systemctl", "--user", "--no-pager", "stop", "sonarr.service"],
    ["systemctl", "--user", "--no-pager", "restart", "sonarr.service"],
    ["systemctl", "--user", "--no-pager", "--full", "--lines=20", "status", "sonarr.service"],
    ["systemctl", "--user", "daemon-reload"],
  ]);
  assert.deepEqual([status.ok, status.exitCode, status.output], [true, 3, "inactive"]);
  assert.deepEqual(await t.ops.systemd_start({ unit: "x;reboot.service" }, t.trace()), {
    kind: "rejected",
    error: 'Invalid argument "unit": "x;reboot.service" must match ' +
      "^[A-Za-z0-9][A-Za-z0-9_.@:-]*\\.(?:service|timer|socket|target|path)$",
  });
  assert.equal(t.calls.length, 5);
});

Deno.test("systemd_start reports systemctl's failure with its message", async () => {
  await using t = await setup(() =>
    result({ code: 5, stderr: "Failed to start x.service: Unit x.service not found." })
  );
  const out = doneOf(await t.ops.systemd_start({ unit: "x.service" }, t.trace()));
  assert.deepEqual([out.ok, out.exitCode, out.output], [
    false,
    5,
    "Failed to start x.service: Unit x.service not found.",
  ]);
});

Deno.test("quadlet ops validate name, type and content and round-trip a file", async () => {
  // The fake runner answers the generator's -dryrun with exit 0 and no complaint: accepted.
  await using t = await setup(undefined, undefined, "/usr/libexec/podman/quadlet");
  const content = "[Container]\nImage=localhost/busybox:test\n";
  assert.equal(
    doneOf(await t.ops.quadlet_write({ name: "web", type: "container", content }, t.trace())).ok,
    true,
  );
  assert.deepEqual(await t.ops.quadlet_read({ name: "web", type: "container" }, t.trace()), {
    kind: "done",
    ok: true,
    output: content,
    exitCode: 0,
  });
  const listed = doneOf(await t.ops.quadlet_list({}, t.trace()));
  assert.deepEqual(JSON.parse(listed.output).map((e: { file: string }) => e.file), ["web.container"]);
  assert.deepEqual(await t.ops.quadlet_write({ name: "web", type: "service", content }, t.trace()), {
    kind: "rejected",
    error:
      'Invalid argument "type": "service" is not one of container, pod, network, volume, kube, image, build',
  });
  assert.deepEqual(
    await t.ops.quadlet_write({ name: "web", type: "container", content: "a\0b" }, t.trace()),
    {
      kind: "rejected",
      error: 'Invalid argument "content": value contains a NUL character at index 1',
    },
  );
  assert.deepEqual(await t.ops.quadlet_list({ type: "pods" }, t.trace()), {
    kind: "rejected",
    error:
      'Invalid argument "type": "pods" is not one of container, pod, network, volume, kube, image, build',
  });
  assert.deepEqual(await t.ops.quadlet_read({ name: "nope", type: "pod" }, t.trace()), {
    kind: "done",
    ok: false,
    output: `No quadlet "nope.pod" in "${t.root}/quadlets"`,
    exitCode: 1,
  });
  assert.equal(doneOf(await t.ops.quadlet_delete({ name: "web", type: "container" }, t.trace())).ok, true);
  assert.deepEqual(t.calls.map((c) => [c.cmd, ...c.args]), [[
    "/usr/libexec/podman/quadlet",
    "-dryrun",
    "-user",
  ]]);
});

Deno.test("info reports the versions podman-compose and the generator print", async () => {
  await using t = await setup(() =>
    result({ stdout: "podman-compose version 1.3.0\npodman version 4.3.1\n" })
  );
  const out = doneOf(await t.ops.info({}, t.trace()));
  assert.deepEqual(HelperInfo.parse(JSON.parse(out.output)), {
    helper_version: "1.0.0",
    podman: "4.3.1",
    podman_compose: "1.3.0",
    quadlet: null,
    stacks_dir: `${t.root}/stacks`,
    quadlet_dir: `${t.root}/quadlets`,
  });
  assert.deepEqual(t.calls.map((c) => [c.cmd, ...c.args]), [["podman-compose", "version"]]);
});

Deno.test("read-only ops answer while a stack op and a unit op hang in the runner", async () => {
  const hung: Array<() => void> = [];
  await using t = await setup((c) => {
    const verb = c.cmd === "systemctl" ? c.args[c.args.length - 2] : c.args[2];
    if (verb === "up" || verb === "restart") {
      return new Promise<RunResult>((resolve) => hung.push(() => resolve(result({ stdout: "[]" }))));
    }
    return result({ stdout: c.args[0] === "version" ? "podman-compose version 1.3.0\n" : "active" });
  });
  await Deno.writeTextFile(`${t.root}/quadlets/web.container`, "[Container]\nImage=x\n");
  const up = t.ops.stack_up({ stack: "web" }, t.trace());
  const restart = t.ops.systemd_restart({ unit: "web.service" }, t.trace());
  while (hung.length < 2) await new Promise((r) => setTimeout(r, 1));

  const listed = doneOf(await t.ops.quadlet_list({}, t.trace()));
  assert.deepEqual(JSON.parse(listed.output).map((e: { file: string }) => e.file), ["web.container"]);
  assert.equal(doneOf(await t.ops.quadlet_read({ name: "web", type: "container" }, t.trace())).ok, true);
  const status = doneOf(await t.ops.systemd_status({ unit: "web.service" }, t.trace()));
  assert.equal(status.output, "active");
  assert.equal(JSON.parse(doneOf(await t.ops.info({}, t.trace())).output).podman_compose, "1.3.0");
  const units = [{ name: "web", type: "container", content: "[Container]\nImage=x\n" }];
  assert.equal(doneOf(await t.ops.quadlet_validate({ units }, t.trace())).exitCode, 127, "no generator here");

  for (const release of hung) release();
  await Promise.all([up, restart]);
});

Deno.test("info starts podman-compose once across many calls, and again after the TTL", async () => {
  let clock = Date.parse("2026-11-22T00:00:00Z");
  await using t = await setup(
    () => result({ stdout: "podman-compose version 1.3.0\npodman version 4.3.1\n" }),
    () => new Date(clock),
  );
  const answers = await Promise.all(Array.from({ length: 20 }, () => t.ops.info({}, t.trace())));
  for (let i = 0; i < 20; i++) answers.push(await t.ops.info({}, t.trace()));
  assert.ok(answers.every((a) => doneOf(a).output === doneOf(answers[0]!).output));
  assert.deepEqual(t.calls.map((c) => [c.cmd, ...c.args]), [["podman-compose", "version"]]);
  clock += INFO_TTL_MS;
  await t.ops.info({}, t.trace());
  assert.equal(t.calls.length, 2);
});
