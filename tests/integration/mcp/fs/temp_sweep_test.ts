/** A write killed midway leaves a temp file; the next start (bootstrap) sweeps it and nothing else. */
import assert from "node:assert/strict";
import { TEMP_NAME_PATTERN } from "../../../../shared/atomic_write.ts";
import { parseConfig } from "../../../../mcp/core/config.ts";
import { bootstrap } from "../../../../mcp/server/bootstrap.ts";

const CHILD = new URL("./_killed_writer.ts", import.meta.url).pathname;

async function names(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) out.push(e.name);
  return out.sort();
}

async function killMidWrite(stacksDir: string, journal: string, target: string): Promise<void> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "--quiet", CHILD, stacksDir, journal, target],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!seen.includes("stuck")) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += value;
  }
  child.kill("SIGKILL");
  await reader.cancel();
  const status = await child.status;
  assert.equal(status.signal, "SIGKILL", `the writer was killed midway (printed ${JSON.stringify(seen)})`);
}

Deno.test("the next start removes the temp file a killed compose write left, and leaves everything else", async () => {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-sweep-it-" }));
  try {
    const dataDir = `${base}/data`;
    const stacksDir = `${base}/stacks`;
    await Deno.mkdir(`${stacksDir}/arr`, { recursive: true });
    await Deno.mkdir(dataDir, { mode: 0o700 });
    await Deno.writeTextFile(`${stacksDir}/arr/compose.yaml`, "original\n");
    await Deno.writeTextFile(`${stacksDir}/arr/.notes.arr-mcp-draft.tmp`, "not the layer's pattern\n");

    await killMidWrite(stacksDir, `${dataDir}/temp-folders`, `${stacksDir}/arr/compose.yaml`);
    const temps = (await names(`${stacksDir}/arr`)).filter((n) => TEMP_NAME_PATTERN.test(n));
    assert.equal(temps.length, 1, "the kill left the layer's temp file behind");
    assert.equal(await Deno.readTextFile(`${stacksDir}/arr/compose.yaml`), "original\n");

    const parsed = parseConfig({
      ARR_MCP_API_KEY: "sweep-test-key-0123456789",
      ARR_DATA_DIR: dataDir,
      ARR_STACKS_DIR: stacksDir,
      ARR_MEDIA_DIR: `${base}/media`,
      ARR_HELPER_SOCKET: `${base}/no-helper.sock`,
      ARR_RUNTIME_SOCKET: `${base}/no-runtime.sock`,
    }, { uid: Deno.uid() ?? 0, home: base });
    if (!parsed.ok) throw new Error(parsed.error);
    const booted = await bootstrap(parsed.value, { env: {}, uid: Deno.uid() ?? 0 });
    try {
      assert.deepEqual(booted.swept, [`${stacksDir}/arr/${temps[0]}`]);
    } finally {
      booted.close();
    }
    assert.deepEqual(await names(`${stacksDir}/arr`), [".notes.arr-mcp-draft.tmp", "compose.yaml"]);
    assert.equal(await Deno.readTextFile(`${stacksDir}/arr/compose.yaml`), "original\n");
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});
