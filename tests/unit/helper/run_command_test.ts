import assert from "node:assert/strict";
import { createDenoRunner, TIMEOUT_EXIT_CODE, timeoutArgv } from "../../../helper/run_command.ts";

Deno.test("createDenoRunner() returns stdout, stderr and the exit code", async () => {
  const run = createDenoRunner({ timeoutMs: 10_000 });
  const out = await run("sh", ["-c", "echo out; echo err >&2; exit 3"]);
  assert.deepEqual(out, { code: 3, stdout: "out\n", stderr: "err\n", timedOut: false, truncated: false });
});

Deno.test("createDenoRunner() passes arguments literally, never through a shell", async () => {
  const run = createDenoRunner({ timeoutMs: 10_000 });
  const out = await run("echo", ["$(id)", ";", "`reboot`", "a b"]);
  assert.equal(out.stdout, "$(id) ; `reboot` a b\n");
});

Deno.test("createDenoRunner() adds env on top of the helper's own environment", async () => {
  const run = createDenoRunner({ timeoutMs: 10_000 });
  const out = await run("sh", ["-c", 'echo "$QUADLET_UNIT_DIRS|$PATH"'], {
    env: { QUADLET_UNIT_DIRS: "/x" },
  });
  assert.equal(out.stdout, `/x|${Deno.env.get("PATH")}\n`);
});

Deno.test("createDenoRunner() stops a command at the timeout with exit 124", async () => {
  const run = createDenoRunner({ timeoutMs: 100, graceMs: 2000 });
  const out = await run("sleep", ["30"]);
  assert.deepEqual([out.timedOut, out.code], [true, TIMEOUT_EXIT_CODE]);
});

Deno.test("createDenoRunner() escalates to SIGKILL and stops reading pipes a grandchild holds", async () => {
  const run = createDenoRunner({ timeoutMs: 100, graceMs: 100 });
  // The shell ignores SIGINT and SIGTERM; its `sleep` child keeps stdout open after the shell is killed.
  const out = await run("sh", ["-c", 'trap "" INT TERM; echo started; sleep 5']);
  assert.deepEqual([out.timedOut, out.code, out.stdout], [true, TIMEOUT_EXIT_CODE, "started\n"]);
});

Deno.test("createDenoRunner() caps each stream and says it truncated", async () => {
  const run = createDenoRunner({ timeoutMs: 10_000, maxBytes: 1000 });
  const out = await run("head", ["-c", "3000000", "/dev/zero"]);
  assert.deepEqual([out.stdout.length, out.truncated, out.code], [1000, true, 0]);
});

Deno.test("createDenoRunner() answers exit 127 with the reason when a program cannot start", async () => {
  const run = createDenoRunner({ timeoutMs: 10_000 });
  const out = await run("arr-helper-no-such-program", []);
  assert.equal(out.code, 127);
  assert.match(out.stderr, /^Cannot run "arr-helper-no-such-program": .*No such file or directory$/);
});

Deno.test("createDenoRunner() answers exit 127 when the timeout program itself is missing", async () => {
  const run = createDenoRunner({ timeoutMs: 10_000, timeoutProgram: "arr-helper-no-such-timeout" });
  const out = await run("true", []);
  assert.equal(out.code, 127);
  assert.match(out.stderr, /^Cannot run "true" under "arr-helper-no-such-timeout": NotFound: /);
});

Deno.test("timeoutArgv() signals the group with SIGTERM, then SIGKILL two grace periods later", () => {
  assert.deepEqual(timeoutArgv(2500, 100, "podman-compose", ["restart", "-t", "10"]), [
    "--verbose",
    "--signal=TERM",
    "--kill-after=0.2s",
    "2.5s",
    "podman-compose",
    "restart",
    "-t",
    "10",
  ]);
});

function alive(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}

Deno.test("createDenoRunner() stops a grandchild its child leaves behind (a podman-compose 1.0.3 orphan)", async () => {
  const run = createDenoRunner({ timeoutMs: 200, graceMs: 200 });
  // The shell starts a background grandchild and does not pass signals on to it, as 1.0.3 does not.
  const out = await run("sh", ["-c", "sleep 30 & echo $!; wait"]);
  const grandchild = Number(out.stdout.trim());
  assert.deepEqual([out.timedOut, out.code], [true, TIMEOUT_EXIT_CODE]);
  assert.ok(grandchild > 0, out.stdout);
  // The signal is already sent; give the kernel a moment to end it (a wait, not a timing assertion).
  for (let i = 0; i < 40 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(alive(grandchild), false, `sleep ${grandchild} outlived the timeout`);
});

Deno.test("createDenoRunner() keeps a command's own exit 124 apart from a timeout", async () => {
  const run = createDenoRunner({ timeoutMs: 10_000 });
  const out = await run("sh", ["-c", "echo why >&2; exit 124"]);
  assert.deepEqual([out.timedOut, out.code, out.stderr], [false, 124, "why\n"]);
});
