/**
 * Run by sandbox_test.ts under the launcher's exact flags (`helper/start.sh --print-flags`): tries what the
 * helper must not be able to do and what it must, and prints one JSON object of outcomes.
 */
async function attempt(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
    return "allowed";
  } catch (e) {
    return e instanceof Error ? e.name : String(e);
  }
}

const [quadletDir, outsideDir] = Deno.args as [string, string];
const results = {
  run_sh: await attempt(() => new Deno.Command("sh", { args: ["-c", "true"] }).output()),
  run_podman: await attempt(() => new Deno.Command("podman", { args: ["--version"] }).output()),
  run_podman_compose: await attempt(() => new Deno.Command("podman-compose", { args: ["version"] }).output()),
  run_timeout: await attempt(() => new Deno.Command("timeout", { args: ["1", "true"] }).output()),
  kill_group: await attempt(() => Promise.resolve(Deno.kill(-1, "SIGCONT"))),
  write_outside: await attempt(() => Deno.writeTextFile(`${outsideDir}/x.txt`, "x")),
  read_etc: await attempt(() => Deno.readTextFile("/etc/hostname")),
  write_quadlet_dir: await attempt(() => Deno.writeTextFile(`${quadletDir}/probe.txt`, "x")),
  net_tcp: await attempt(() => Deno.connect({ hostname: "127.0.0.1", port: 9 })),
  env_other: await attempt(() => Promise.resolve(Deno.env.get("CONTAINERS_CONF"))),
};
console.log(JSON.stringify(results));
