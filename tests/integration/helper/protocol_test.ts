import assert from "node:assert/strict";
import { HelperInfo } from "../../../shared/helper_protocol.ts";
import { HELPER_MAX_BODY_BYTES } from "../../../shared/limits.ts";
import { helperDirs, helperEnv, runLauncher, startHelper } from "./helper_process.ts";

Deno.test("arr-helper listens on a 0600 socket in a 0700 folder and answers info", async () => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  assert.equal((await Deno.stat(dirs.socket)).mode! & 0o777, 0o600);
  assert.equal((await Deno.stat(`${dirs.root}/run`)).mode! & 0o777, 0o700);
  const { status, body } = await helper.command("info");
  assert.equal(status, 200);
  assert.equal(body.ok, true);
  const info = HelperInfo.parse(JSON.parse(String(body.output)));
  assert.deepEqual(
    [info.podman, info.podman_compose, info.quadlet, info.stacks_dir, info.quadlet_dir],
    ["4.3.1", "1.3.0", "5.4.2", dirs.stacksDir, dirs.quadletDir],
  );
});

Deno.test("arr-helper answers 404, 413 and 400 over its socket", async (t) => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  await t.step("404 for another path or method", async () => {
    for (const [method, path] of [["GET", "/command"], ["POST", "/run"], ["DELETE", "/command"]] as const) {
      const res = await helper.fetch(path, { method, ...(method === "POST" ? { body: "{}" } : {}) });
      assert.equal(res.status, 404, `${method} ${path}`);
      await res.body?.cancel();
    }
  });
  await t.step("413 for a body over 128 KiB", async () => {
    const res = await helper.fetch("/command", {
      method: "POST",
      body: "x".repeat(HELPER_MAX_BODY_BYTES + 1),
    });
    assert.equal(res.status, 413);
    assert.deepEqual(await res.json(), {
      ok: false,
      error: "Request body is larger than 131072 bytes",
      exit_code: 1,
    });
  });
  await t.step("400 for malformed JSON, an unknown op and an invalid argument", async () => {
    const bad = await helper.fetch("/command", { method: "POST", body: '{"op": "info"' });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error, /^Cannot parse request body: /);
    assert.deepEqual(await helper.command("shell", { cmd: "id" }), {
      status: 400,
      body: {
        ok: false,
        error: 'Unknown op "shell": expected one of stack_up, stack_down, stack_pull, stack_restart, ' +
          "stack_service_recreate, " +
          "compose_validate, systemd_start, systemd_stop, systemd_restart, systemd_status, systemd_daemon_reload, " +
          "quadlet_read, quadlet_write, quadlet_list, quadlet_delete, quadlet_validate, info",
        exit_code: 1,
      },
    });
    assert.deepEqual(await helper.command("stack_up", { stack: "../../etc" }), {
      status: 400,
      body: {
        ok: false,
        error: 'Invalid argument "stack": "../../etc" must match ^[A-Za-z0-9][A-Za-z0-9_-]*$',
        exit_code: 1,
      },
    });
  });
  await t.step("every request left one audit line", async () => {
    const audit = await helper.audit(7);
    assert.equal(audit.length, 7);
    assert.deepEqual(audit.map((a) => a.outcome), Array(7).fill("rejected"));
    assert.ok(audit.every((a) => typeof a.duration_ms === "number" && typeof a.outcome === "string"));
    assert.deepEqual(audit.at(-1)?.args, { stack: "../../etc" });
  });
});

Deno.test("arr-helper replaces a stale socket left by a dead process", async () => {
  await using dirs = await helperDirs();
  await Deno.mkdir(`${dirs.root}/run`, { mode: 0o700 });
  // A process that bound the socket and died without unlinking it (Deno's own close() would unlink).
  const bind = `import socket; socket.socket(socket.AF_UNIX).bind(${JSON.stringify(dirs.socket)})`;
  assert.equal((await new Deno.Command("python3", { args: ["-c", bind] }).output()).code, 0);
  assert.ok((await Deno.lstat(dirs.socket)).isSocket, "a stale socket file is left behind");
  await using helper = await startHelper(dirs);
  assert.equal((await helper.command("quadlet_list")).status, 200);
});

Deno.test("arr-helper refuses to start while another instance listens on the socket", async () => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  const second = await runLauncher(helperEnv(dirs));
  assert.equal(second.code, 1);
  assert.match(second.stderr, new RegExp(`Another arr-helper is already listening on "${dirs.socket}"`));
  assert.equal((await helper.command("quadlet_list")).status, 200, "the first one still answers");
});

Deno.test("arr-helper refuses a socket folder that is not private", async () => {
  await using dirs = await helperDirs();
  await Deno.mkdir(`${dirs.root}/run`);
  await Deno.chmod(`${dirs.root}/run`, 0o755);
  const run = await runLauncher(helperEnv(dirs));
  assert.equal(run.code, 1);
  assert.match(run.stderr, /Invalid ARR_HELPER_SOCKET ".*": folder ".*\/run" has mode 0755, expected 0700/);
});

Deno.test("arr-helper stops at startup with an error naming a bad variable", async (t) => {
  await using dirs = await helperDirs();
  const cases: Array<[Record<string, string>, RegExp]> = [
    [
      { ARR_HELPER_TIMEOUT_S: "soon" },
      /Invalid ARR_HELPER_TIMEOUT_S "soon": expected whole seconds from 1 to 86400/,
    ],
    [{ ARR_STACKS_DIR: "stacks" }, /Invalid ARR_STACKS_DIR "stacks": expected an absolute path/],
    [{ ARR_STACKS_DIR: "/nonexistent-arr-stacks" }, /Invalid ARR_STACKS_DIR "\/nonexistent-arr-stacks": /],
    [
      { ARR_QUADLET_GENERATOR: "/nonexistent/quadlet" },
      /Invalid ARR_QUADLET_GENERATOR "\/nonexistent\/quadlet"/,
    ],
  ];
  for (const [extra, message] of cases) {
    await t.step(Object.keys(extra).join(), async () => {
      const run = await runLauncher(helperEnv(dirs, extra));
      assert.equal(run.code, 1);
      assert.match(run.stderr, message);
    });
  }
});
