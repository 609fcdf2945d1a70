/**
 * The systemd tools through the real arr-helper (shipped flags) with a recording `systemctl` first on PATH:
 * the gate refuses what is not the user's before arr-helper is asked, restart of a running unit is confirmed,
 * and status output is redacted.
 */
import assert from "node:assert/strict";
import { helperDirs, startHelper } from "../../helper/helper_process.ts";
import { errorOf, serveArrMcp } from "../../_support/harness.ts";

async function recordingSystemctl(binDir: string, record: string, stateFile: string): Promise<void> {
  const script = [
    "#!/bin/sh",
    `for a in "$@"; do printf '[%s]' "$a"; done >> '${record}'`,
    `echo >> '${record}'`,
    'case "$*" in',
    "  *status*)",
    '    echo "● web.service - Web"',
    `    echo "     Active: $(cat '${stateFile}') (x)"`,
    '    echo "     └─42 /usr/bin/podman run --name systemd-web --env API_TOKEN=tok-it-1 -e DB_PASSWORD=pw-it-2 img"',
    "    exit 0 ;;",
    "esac",
    "exit 0",
    "",
  ].join("\n");
  await Deno.writeTextFile(`${binDir}/systemctl`, script, { mode: 0o755 });
}

Deno.test("systemd tools: gate before the helper, confirmed restart of a running unit, redacted status", async (t) => {
  await using dirs = await helperDirs();
  const record = `${dirs.root}/systemctl.log`;
  const stateFile = `${dirs.root}/state`;
  await Deno.writeTextFile(stateFile, "active");
  await recordingSystemctl(dirs.binDir, record, stateFile);
  await Deno.mkdir(dirs.quadletDir, { recursive: true });
  await Deno.writeTextFile(`${dirs.quadletDir}/web.container`, "[Container]\nImage=localhost/busybox:test\n");
  await using helper = await startHelper(dirs);
  const served = await serveArrMcp({
    env: {
      ARR_HELPER_SOCKET: dirs.socket,
      ARR_STACKS_DIR: dirs.stacksDir,
      ARR_SYSTEMD_UNITS: "backup.timer",
    },
  });
  const recorded = async () =>
    (await Deno.readTextFile(record).catch(() => "")).trim().split("\n").filter(Boolean);
  try {
    await t.step("exit.target is refused by arr-mcp; arr-helper and systemctl never see it", async () => {
      for (const tool of ["systemd_start", "systemd_stop", "systemd_restart"]) {
        const r = await served.call(tool, { unit: "exit.target" });
        assert.equal(errorOf(r).kind, "refused", tool);
        assert.match(errorOf(r).message, /special unit/);
      }
      assert.deepEqual(await recorded(), []);
    });

    await t.step("arr-helper refuses exit.target too when called directly", async () => {
      const res = await helper.command("systemd_start", { unit: "exit.target" });
      assert.equal(res.status, 400);
      assert.match(String(res.body.error), /Refused to start "exit\.target"/);
      assert.deepEqual(await recorded(), []);
    });

    await t.step("a unit that is not the user's is refused with the gate's message", async () => {
      const r = await served.call("systemd_start", { unit: "ssh-agent.service" });
      assert.equal(errorOf(r).kind, "refused");
      assert.match(errorOf(r).message, /not a service of one of your quadlets; add it to ARR_SYSTEMD_UNITS/);
      assert.deepEqual(await recorded(), []);
    });

    await t.step("a quadlet's service and an allow-listed unit start", async () => {
      assert.equal((await served.call("systemd_start", { unit: "web" })).isError, undefined);
      assert.equal((await served.call("systemd_start", { unit: "backup.timer" })).isError, undefined);
      assert.deepEqual(await recorded(), [
        "[--user][--no-pager][start][web.service]",
        "[--user][--no-pager][start][backup.timer]",
      ]);
    });

    await t.step(
      "systemd_restart of the active unit needs the token; inactive restarts at once",
      async () => {
        const preview = await served.call("systemd_restart", { unit: "web.service" });
        assert.equal(preview.structuredContent.status, "confirmation_required");
        assert.ok(!(await recorded()).some((l) => l.includes("[restart]")));
        const done = await served.call("systemd_restart", {
          unit: "web.service",
          confirm_token: preview.structuredContent.confirm_token,
        });
        assert.equal(done.structuredContent.status, "done");
        await Deno.writeTextFile(stateFile, "inactive");
        const direct = await served.call("systemd_restart", { unit: "web.service" });
        assert.equal(direct.structuredContent.status, "done");
        assert.equal((await recorded()).filter((l) => l.endsWith("[restart][web.service]")).length, 2);
      },
    );

    await t.step("systemd_status reads any unit, its podman run line redacted", async () => {
      const r = await served.call("systemd_status", { unit: "ssh-agent.service" });
      const text = JSON.stringify(r);
      assert.ok(!text.includes("tok-it-1") && !text.includes("pw-it-2"), text);
      assert.match(r.structuredContent.output, /--env API_TOKEN=\[REDACTED\] -e DB_PASSWORD=\[REDACTED\]/);
    });
  } finally {
    await served.close();
  }
});
