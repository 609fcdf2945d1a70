/**
 * V8's linear-time regex engine needs a flag when the process starts (`deno task test:unit` and
 * tests/testbed/run.sh pass it, as the start task does). In a run without it, a test file that needs the engine
 * registers one test instead, which runs the same file again in a child `deno test` with the flag, so the
 * plain `deno test tests/unit/` still runs those tests for real.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { LINEAR_ENGINE_FLAG, linearEngineAvailable } from "../../../../mcp/fs/linear_regex.ts";

export type TestFn = (name: string, fn: () => void | Promise<void>) => void;

/** `Deno.test` for tests that need the engine (see above); call once per file with `import.meta.url`. */
export function linearEngineTests(fileUrl: string): TestFn {
  if (linearEngineAvailable()) return (name, fn) => Deno.test(name, fn);
  const path = fileURLToPath(fileUrl);
  Deno.test(`${path.split("/").pop()} again under --v8-flags=${LINEAR_ENGINE_FLAG}`, async () => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["test", "--allow-all", `--v8-flags=${LINEAR_ENGINE_FLAG}`, path],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, text);
  });
  return () => {};
}
