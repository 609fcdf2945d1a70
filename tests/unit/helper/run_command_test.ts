import assert from "node:assert/strict";
import { createDenoRunner, TIMEOUT_EXIT_CODE } from "../../../helper/run_command.ts";

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
  assert.match(out.stderr, /^Cannot run "arr-helper-no-such-program": NotFound: /);
});
