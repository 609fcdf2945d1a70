/**
 * Round trips through a real arr-helper (started with its launcher's flags) on a temp Unix socket:
 * `quadlet_list` over a folder of 20 quadlets, and a request rejected by validation (400).
 * Run: `deno bench --allow-all tests/bench/helper_bench.ts`.
 */
const repo = new URL("../../", import.meta.url).pathname;
const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-helper-bench-" }));
const socket = `${root}/run/arr-helper.sock`;
await Deno.mkdir(`${root}/stacks`);
await Deno.mkdir(`${root}/quadlets`);
for (let i = 0; i < 20; i++) {
  await Deno.writeTextFile(
    `${root}/quadlets/app${i}.container`,
    `[Container]\nImage=localhost/busybox:test\n`,
  );
}
const testbedBin = `${Deno.env.get("ARR_TESTBED_DIR") ?? "/var/tmp/arr-mcp-testbed"}/bin`;
const child = new Deno.Command("sh", {
  args: [`${repo}helper/start.sh`],
  env: {
    PATH: `${testbedBin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
    ARR_HELPER_SOCKET: socket,
    ARR_STACKS_DIR: `${root}/stacks`,
    ARR_QUADLET_DIR: `${root}/quadlets`,
  },
  stdin: "null",
  stdout: "null",
  stderr: "null",
}).spawn();
/** Per-call times, so the run can end with medians (deno bench prints avg and percentiles only). */
const samples: Record<string, number[]> = {};
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : ((sorted[mid - 1]! + sorted[mid]!) / 2);
}
globalThis.addEventListener("unload", () => {
  for (const [name, values] of Object.entries(samples)) {
    console.error(`median ${name}: ${median(values).toFixed(3)} ms over ${values.length} calls`);
  }
  try {
    child.kill("SIGTERM");
  } catch { /* gone */ }
  Deno.removeSync(root, { recursive: true });
});

async function listening(): Promise<boolean> {
  try {
    (await Deno.connect({ transport: "unix", path: socket })).close();
    return true;
  } catch {
    return false;
  }
}
for (let i = 0; i < 200 && !(await listening()); i++) await new Promise((r) => setTimeout(r, 25));

const client = Deno.createHttpClient({ proxy: { transport: "unix", path: socket } });
async function command(name: string, body: string, expected: number): Promise<void> {
  const started = performance.now();
  const res = await fetch("http://helper/command", { method: "POST", body, client });
  await res.arrayBuffer();
  (samples[name] ??= []).push(performance.now() - started);
  if (res.status !== expected) throw new Error(`Expected ${expected}, got ${res.status}`);
}

Deno.bench("helper round trip: quadlet_list of 20 units", async () => {
  await command("quadlet_list", '{"op":"quadlet_list"}', 200);
});

Deno.bench("helper round trip: invalid request (400)", async () => {
  await command("invalid request", '{"op":"stack_up","args":{"stack":"../etc"}}', 400);
});
