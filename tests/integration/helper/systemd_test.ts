/**
 * The systemd ops against a recording `systemctl` placed first on PATH before the helper starts (no systemd
 * runs as PID 1 here). The fake records each argv exactly; Deno's --allow-run=systemctl resolves to it.
 */
import assert from "node:assert/strict";
import { helperDirs, startHelper } from "./helper_process.ts";

async function recordingSystemctl(binDir: string, record: string): Promise<void> {
  const script = [
    "#!/bin/sh",
    `for a in "$@"; do printf '[%s]' "$a"; done >> '${record}'`,
    `echo >> '${record}'`,
    'case "$*" in',
    '  *"status missing.service"*) echo "Unit missing.service could not be found." >&2; exit 4 ;;',
    '  *status*) echo "○ web.service - Web"; echo "     Active: inactive (dead)"; exit 3 ;;',
    '  *"start broken.service"*) echo "Job for broken.service failed." >&2; exit 1 ;;',
    "esac",
    "exit 0",
    "",
  ].join("\n");
  await Deno.writeTextFile(`${binDir}/systemctl`, script, { mode: 0o755 });
}

Deno.test("systemd ops call systemctl --user with exactly the expected argv", async () => {
  await using dirs = await helperDirs();
  const record = `${dirs.root}/systemctl.log`;
  await recordingSystemctl(dirs.binDir, record);
  await using helper = await startHelper(dirs);
  for (const op of ["systemd_start", "systemd_stop", "systemd_restart"]) {
    assert.deepEqual((await helper.command(op, { unit: "web.service" })).body, {
      ok: true,
      output: "",
      exit_code: 0,
    });
  }
  assert.deepEqual((await helper.command("systemd_status", { unit: "web.service" })).body, {
    ok: true,
    output: "○ web.service - Web\n     Active: inactive (dead)",
    exit_code: 3,
  });
  assert.deepEqual((await helper.command("systemd_status", { unit: "missing.service" })).body, {
    ok: false,
    output: "Unit missing.service could not be found.",
    exit_code: 4,
  });
  assert.deepEqual((await helper.command("systemd_start", { unit: "broken.service" })).body, {
    ok: false,
    output: "Job for broken.service failed.",
    exit_code: 1,
  });
  assert.equal((await helper.command("systemd_daemon_reload")).body.ok, true);
  assert.equal((await helper.command("systemd_start", { unit: "web.service; reboot" })).status, 400);
  assert.equal((await helper.command("systemd_start", { unit: "--all.service" })).status, 400);
  assert.deepEqual((await Deno.readTextFile(record)).trim().split("\n"), [
    "[--user][--no-pager][start][web.service]",
    "[--user][--no-pager][stop][web.service]",
    "[--user][--no-pager][restart][web.service]",
    "[--user][--no-pager][--full][--lines=20][status][web.service]",
    "[--user][--no-pager][--full][--lines=20][status][missing.service]",
    "[--user][--no-pager][start][broken.service]",
    "[--user][daemon-reload]",
  ]);
});

Deno.test("the helper under its sandbox refuses to start, stop or restart exit.target and never runs systemctl", async () => {
  await using dirs = await helperDirs();
  const record = `${dirs.root}/systemctl.log`;
  await recordingSystemctl(dirs.binDir, record);
  await using helper = await startHelper(dirs);
  for (const op of ["systemd_start", "systemd_stop", "systemd_restart"]) {
    for (const unit of ["exit.target", "poweroff.target", "systemd-exit.service", "default.target"]) {
      const res = await helper.command(op, { unit });
      assert.equal(res.status, 400, `${op} ${unit}`);
      assert.match(
        String(res.body.error),
        new RegExp(`Refused to [a-z]+ "${unit.replace(".", "\\.")}": it is`),
      );
    }
  }
  // Reading a special unit's status stays allowed.
  assert.equal((await helper.command("systemd_status", { unit: "exit.target" })).status, 200);
  assert.deepEqual((await Deno.readTextFile(record)).trim().split("\n"), [
    "[--user][--no-pager][--full][--lines=20][status][exit.target]",
  ]);
});
