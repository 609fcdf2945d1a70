/**
 * The real systemd tier: arr-helper installed from systemd/arr-helper.service into a service account's
 * `systemd --user` (in a private namespace, tests/testbed/systemd_user.sh), and quadlet units run by that manager
 * with the account's rootless Podman. The recorder tier (tests/integration/helper/systemd_test.ts) keeps the exact
 * argv and the refusals; this one proves the same ops do the real thing.
 */
import assert from "node:assert/strict";
import { testbed, uniqueName } from "../../testbed/testbed.ts";
import { skipReason, startSystemdUser, type SystemdUser, testbedDropIn } from "./systemd_user_tier.ts";

const TIER = "[systemd --user, real]";
const reason = await skipReason();
if (reason !== null) console.log(`${TIER} skipped: ${reason}`);

/**
 * A quadlet the generator 5.4.2 turns into a unit that this machine's Podman 4.3.1 can run: `CgroupsMode=enabled`
 * (the generator's default `--cgroups=split` needs a systemd-managed cgroup v2 tree) and removing a stale cid
 * file first (Podman 4.3.1 refuses to start when `--cidfile` exists; Podman 4.4+ replaces it).
 */
function quadlet(image: string): string {
  return [
    "[Container]",
    `Image=${image}`,
    // Exits 0 on SIGTERM, so a stop leaves the unit inactive rather than failed (a killed sleep exits 137).
    `Exec=sh -c 'trap "exit 0" TERM; sleep 3600 & wait'`,
    "Network=none",
    "StopTimeout=1",
    "CgroupsMode=enabled",
    "",
    "[Service]",
    "ExecStartPre=-/bin/rm -f %t/%N.cid",
    "",
  ].join("\n");
}

interface PsEntry {
  Id: string;
  Names: string[];
  State: string;
  Labels: Record<string, string> | null;
}

/** The account's containers matching a `podman ps --filter` (e.g. `name=^web$`, `label=k=v`). */
async function containers(tier: SystemdUser, filter: string): Promise<PsEntry[]> {
  const out = await tier.run("podman", "ps", "-a", "--filter", filter, "--format", "json");
  return JSON.parse(out || "[]");
}

Deno.test({
  name:
    `${TIER} arr-helper from systemd/arr-helper.service runs a quadlet: write, daemon-reload, start, restart, stop`,
  ignore: reason !== null,
  async fn(t) {
    await using tier = await startSystemdUser();
    const name = uniqueName("sdu");
    const unit = `${name}.service`;
    const container = `systemd-${name}`;
    try {
      await t.step("the namespace keeps /run/systemd/system away from the host", async () => {
        await assert.rejects(Deno.stat("/run/systemd/system"), Deno.errors.NotFound);
        assert.equal((await tier.exec("test", "-d", "/run/systemd/system")).code, 0);
      });

      await t.step("systemctl --user start arr-helper brings up the helper's socket", async () => {
        await tier.startHelper(testbedDropIn());
        assert.equal(await tier.run("systemctl", "--user", "is-active", "arr-helper.service"), "active");
        // The one systemd sandboxing option the unit sets, as the manager loaded it.
        assert.equal(
          await tier.run("systemctl", "--user", "show", "-p", "KeyringMode", "arr-helper"),
          "KeyringMode=private",
        );
        const info = await tier.command("info");
        assert.equal(info.body.ok, true, `${JSON.stringify(info.body)}\n${await tier.helperLog()}`);
        const facts = JSON.parse(String(info.body.output));
        assert.equal(facts.quadlet, "5.4.2");
        assert.equal(facts.quadlet_dir, `${tier.account.home}/.config/containers/systemd`);
      });

      await t.step("systemd-analyze --user security rates the installed unit", async () => {
        const rating = await tier.run(
          "systemd-analyze",
          "--user",
          "security",
          "--no-pager",
          "arr-helper.service",
        );
        const figure = rating.match(/Overall exposure level for arr-helper\.service: ([0-9.]+ [A-Z]+)/)?.[1];
        assert.ok(figure !== undefined, rating);
        console.log(`${TIER} systemd-analyze --user security arr-helper.service: ${figure}`);
      });

      await t.step("quadlet_write and systemd_daemon_reload make the generated unit known", async () => {
        const write = await tier.command("quadlet_write", {
          name,
          type: "container",
          content: quadlet(testbed().image),
        });
        assert.equal(write.body.ok, true, String(write.body.output ?? write.body.error));
        assert.equal((await tier.command("systemd_daemon_reload")).body.ok, true);
        const loaded = await tier.run("systemctl", "--user", "show", "-p", "LoadState,SourcePath", unit);
        assert.equal(
          loaded,
          `LoadState=loaded\nSourcePath=${tier.account.home}/.config/containers/systemd/${name}.container`,
        );
      });

      let firstId = "";
      await t.step("systemd_start runs the container with its PODMAN_SYSTEMD_UNIT label", async () => {
        const started = await tier.command("systemd_start", { unit });
        assert.deepEqual(started.body, { ok: true, output: "", exit_code: 0 }, await tier.helperLog());
        const [ctr, ...more] = await containers(tier, `name=^${container}$`);
        assert.equal(more.length, 0);
        assert.equal(ctr?.State, "running");
        assert.equal(ctr?.Labels?.PODMAN_SYSTEMD_UNIT, unit);
        firstId = ctr?.Id ?? "";
      });

      await t.step("systemd_status answers with the unit's real state", async () => {
        const status = await tier.command("systemd_status", { unit });
        assert.equal(status.body.ok, true);
        assert.equal(status.body.exit_code, 0);
        assert.match(String(status.body.output), /Active: active \(running\)/);
        assert.match(String(status.body.output), new RegExp(`${name}\\.container; generated`));
      });

      await t.step("systemd_restart recreates the container", async () => {
        const restarted = await tier.command("systemd_restart", { unit });
        assert.deepEqual(restarted.body, { ok: true, output: "", exit_code: 0 });
        const [ctr, ...more] = await containers(tier, `name=^${container}$`);
        assert.equal(more.length, 0);
        assert.equal(ctr?.State, "running");
        assert.notEqual(ctr?.Id, firstId);
      });

      await t.step("systemd_stop removes the container and the unit goes inactive", async () => {
        const stopped = await tier.command("systemd_stop", { unit });
        assert.deepEqual(stopped.body, { ok: true, output: "", exit_code: 0 });
        assert.deepEqual(await containers(tier, `name=^${container}$`), []);
        const status = await tier.command("systemd_status", { unit });
        assert.equal(status.body.ok, true);
        assert.equal(status.body.exit_code, 3);
        assert.match(String(status.body.output), /Active: inactive \(dead\)/);
      });
    } finally {
      await tier.exec("podman", "rm", "-f", "-t", "0", "--ignore", container);
    }
  },
});

Deno.test({
  name:
    `${TIER} stack_up under the shipped unit starts a rootless podman-compose stack that outlives a restart of ` +
    `arr-helper; stack_down removes it`,
  ignore: reason !== null,
  async fn() {
    await using tier = await startSystemdUser();
    const stack = uniqueName("sdu");
    const label = `io.podman.compose.project=${stack}`;
    try {
      await tier.startHelper(testbedDropIn());
      // The namespace starts like a fresh boot: this podman-compose run is the first podman, so it creates the
      // account's user namespace itself (newuidmap is setuid: this is what NoNewPrivileges= would break).
      await tier.run("mkdir", "-p", `${tier.account.home}/arr-test-stacks/${stack}`);
      await tier.writeFile(
        `${tier.account.home}/arr-test-stacks/${stack}/compose.yaml`,
        [
          "services:",
          "  worker:",
          `    image: ${testbed().image}`,
          '    command: ["sleep", "3600"]',
          "    network_mode: none",
          "",
        ].join("\n"),
      );
      const up = await tier.command("stack_up", { stack });
      assert.equal(up.body.ok, true, `${String(up.body.output ?? up.body.error)}\n${await tier.helperLog()}`);
      const before = await containers(tier, `label=${label}`);
      assert.deepEqual(before.map((c) => c.State), ["running"]);
      // conmon and the container sit in arr-helper's cgroup wherever Podman falls back to cgroupfs (here, and on
      // hosts without a systemd user bus): restarting the helper must not take the stack down with it.
      await tier.run("systemctl", "--user", "restart", "arr-helper.service");
      await tier.startHelper(testbedDropIn());
      const after = await containers(tier, `label=${label}`);
      assert.deepEqual(after.map((c) => [c.Id, c.State]), [[before[0]!.Id, "running"]]);
      // Podman's record says "running" even when the processes were killed: ask the kernel.
      const pid = (await tier.run("podman", "inspect", "--format", "{{.State.Pid}}", before[0]!.Id)).trim();
      assert.ok(Number(pid) > 0, `podman knows the container's pid (${pid})`);
      const alive = await tier.exec("kill", "-0", pid);
      assert.equal(alive.code, 0, `the container's process ${pid} survived the restart: ${alive.stderr}`);
      const down = await tier.command("stack_down", { stack });
      assert.equal(down.body.ok, true, String(down.body.output));
      assert.equal(
        await tier.run("podman", "ps", "-a", "--filter", `label=${label}`, "--format", "{{.ID}}"),
        "",
      );
    } finally {
      await tier.exec("podman", "rm", "-f", "-t", "0", "--ignore", `${stack}_worker_1`);
      await tier.exec("podman", "pod", "rm", "-f", "--ignore", `pod_${stack}`);
    }
  },
});
