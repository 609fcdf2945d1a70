import assert from "node:assert/strict";
import { helperDirs, helperEnv, REPO } from "./helper_process.ts";

Deno.test("the launcher's flags refuse sh, other programs, group kills, outside writes and TCP", async () => {
  await using dirs = await helperDirs();
  const env = helperEnv(dirs);
  const printed = await new Deno.Command("sh", { args: [`${REPO}/helper/start.sh`, "--print-flags"], env })
    .output();
  assert.equal(printed.code, 0);
  const flags = new TextDecoder().decode(printed.stdout).trim().split("\n");
  assert.ok(flags.some((f) => f.startsWith("--allow-run=podman-compose,podman,systemctl,")), flags.join(" "));
  assert.ok(!flags.some((f) => f === "--allow-all" || f === "-A" || f === "--allow-run"), flags.join(" "));
  const outside = `${dirs.root}/outside`;
  await Deno.mkdir(outside);
  const probe = await new Deno.Command("deno", {
    args: ["run", ...flags, `${REPO}/tests/integration/helper/sandbox_probe.ts`, dirs.quadletDir, outside],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(probe.code, 0, new TextDecoder().decode(probe.stderr));
  assert.deepEqual(JSON.parse(new TextDecoder().decode(probe.stdout)), {
    run_sh: "NotCapable",
    // podman lists a stack's containers (compose_status.ts); podman-compose could run it anyway.
    run_podman: "allowed",
    run_podman_compose: "allowed",
    // GNU timeout stops a command's whole process group, which Deno cannot do here (kill_group).
    run_timeout: "allowed",
    kill_group: "NotCapable",
    write_outside: "NotCapable",
    read_etc: "NotCapable",
    write_quadlet_dir: "allowed",
    net_tcp: "NotCapable",
    env_other: "NotCapable",
  });
  assert.deepEqual([...Deno.readDirSync(outside)], []);
});
