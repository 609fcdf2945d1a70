/**
 * `deno task doctor` run with the task's own flags (read from deno.json) against the real testbed: the Podman
 * API socket, a real arr-helper (started as it ships), and then a host with the runtime socket missing.
 */
import assert from "node:assert/strict";
import { testbed } from "../../../testbed/testbed.ts";
import { helperDirs, startHelper } from "../../helper/helper_process.ts";

const REPO = new URL("../../../../", import.meta.url).pathname;

async function doctor(env: Record<string, string>): Promise<{ code: number; lines: string[] }> {
  const task: string = JSON.parse(await Deno.readTextFile(`${REPO}deno.json`)).tasks.doctor;
  const words = task.split(/\s+/);
  assert.deepEqual(words.slice(0, 2), ["deno", "run"]);
  const out = await new Deno.Command(Deno.execPath(), {
    args: words.slice(1),
    cwd: REPO,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      // Deno's cache kept (the test's HOME is fresh).
      DENO_DIR: Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`,
      NO_COLOR: "1",
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  assert.ok(text.trim() !== "" && !stderr.includes("NotCapable"), stderr);
  return { code: out.code, lines: text.trimEnd().split("\n") };
}

const line = (lines: string[], name: string) => lines.find((l) => l.includes(`] ${name}: `)) ?? "";

Deno.test("deno task doctor on the testbed reports Podman, arr-helper, podman-compose and the quadlet generator", async () => {
  const tb = testbed();
  await using dirs = await helperDirs();
  await using _helper = await startHelper(dirs);
  const home = await Deno.makeTempDir({ prefix: "arr-doctor-" });
  try {
    await Deno.mkdir(`${home}/data`, { mode: 0o700 });
    const { lines } = await doctor({
      HOME: home,
      USER: "media",
      ARR_RUNTIME_SOCKET: tb.podmanSocket,
      ARR_HELPER_SOCKET: dirs.socket,
      ARR_DATA_DIR: `${home}/data`,
      ARR_STACKS_DIR: dirs.stacksDir,
    });
    const podmanVersion = (await new Deno.Command("podman", { args: ["--version"] }).output()).stdout;
    const version = new TextDecoder().decode(podmanVersion).trim().replace(/^podman version /, "");
    assert.equal(line(lines, "runtime socket"), `[ok] runtime socket: podman API at ${tb.podmanSocket}`);
    assert.equal(line(lines, "podman"), `[ok] podman: Podman ${version}`);
    // The testbed's API service runs as root.
    assert.match(line(lines, "rootless"), /^\[warn\] rootless: the runtime runs as root/);
    assert.match(line(lines, "arr-helper"), /^\[ok\] arr-helper: arr-helper \S+ at /);
    assert.equal(line(lines, "podman-compose"), "[ok] podman-compose: podman-compose 1.3.0");
    assert.match(line(lines, "quadlet tools"), /^\[ok\] quadlet tools: on \(quadlet generator 5\.4\.2\)/);
    assert.equal(line(lines, "data dir"), `[ok] data dir: ${home}/data is 700`);
    assert.match(lines.at(-1) ?? "", /^\d+ ok, \d+ warnings, \d+ failures$/);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("deno task doctor with a bad runtime socket and no arr-helper fails and says what to do", async () => {
  const home = await Deno.makeTempDir({ prefix: "arr-doctor-" });
  try {
    const { code, lines } = await doctor({
      HOME: home,
      USER: "media",
      ARR_RUNTIME_SOCKET: `${home}/missing/podman.sock`,
      ARR_HELPER_SOCKET: `${home}/missing/arr-helper.sock`,
      ARR_DATA_DIR: `${home}/data`,
    });
    assert.equal(code, 1);
    assert.match(
      line(lines, "runtime socket"),
      new RegExp(`^\\[fail\\] runtime socket: ${home}/missing/podman\\.sock does not answer`),
    );
    assert.ok(
      lines.includes(
        "       fix: runuser -u media -- env XDG_RUNTIME_DIR=/run/user/$(id -u media) systemctl --user restart podman.socket",
      ),
      lines.join("\n"),
    );
    assert.match(line(lines, "arr-helper"), /^\[fail\] arr-helper: arr-helper is not running/);
    assert.match(line(lines, "quadlet tools"), /^\[fail\] quadlet tools: off: they need arr-helper/);
    assert.match(line(lines, "data dir"), /^\[warn\] data dir: /);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
