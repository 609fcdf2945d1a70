/**
 * The local quadlet generator compose_to_quadlet falls back to when arr-helper cannot validate:
 * ARR_QUADLET_GENERATOR first (through the config), then the packaged locations; run for real (quadlet 5.4.2).
 */
import assert from "node:assert/strict";
import { parseConfig } from "../../../../mcp/core/config.ts";
import { MCP_CORE_FAMILIES } from "../../../../mcp/server/core_families.ts";
import {
  localGenerator,
  registerQuadletConvertTools,
} from "../../../../mcp/quadlets/convert/convert_tools.ts";
import { generatorPaths } from "../../../../mcp/quadlets/convert/generator.ts";
import { testbed } from "../../../testbed/testbed.ts";
import { serveArrMcp } from "../../_support/harness.ts";
import { startTaskArgs } from "../../_support/start_task.ts";

const HOST = { uid: 1000, home: "/home/media" };

Deno.test("generatorPaths() tries the configured generator before the packaged ones", () => {
  assert.deepEqual(generatorPaths(undefined), ["/usr/libexec/podman/quadlet", "/usr/lib/podman/quadlet"]);
  assert.deepEqual(generatorPaths("/opt/podman/quadlet"), [
    "/opt/podman/quadlet",
    "/usr/libexec/podman/quadlet",
    "/usr/lib/podman/quadlet",
  ]);
});

Deno.test("parseConfig() reads ARR_QUADLET_GENERATOR as an absolute path", () => {
  const set = parseConfig({ ARR_QUADLET_GENERATOR: "/opt/podman/quadlet" }, HOST);
  assert.ok(set.ok);
  assert.equal(set.value.quadletGenerator, "/opt/podman/quadlet");
  const unset = parseConfig({ ARR_QUADLET_GENERATOR: "" }, HOST);
  assert.ok(unset.ok);
  assert.equal("quadletGenerator" in unset.value, false);
  const relative = parseConfig({ ARR_QUADLET_GENERATOR: "quadlet" }, HOST);
  assert.ok(!relative.ok);
  assert.equal(relative.error, 'Invalid ARR_QUADLET_GENERATOR "quadlet": expected an absolute path');
});

Deno.test("localGenerator() says why it did not run without a generator and names the file the generator rejects", async () => {
  const tb = testbed();
  const unit = { fileName: "bad.container", text: "[Container]\nImage=x\nFrobnicate=1\n" };
  assert.deepEqual(await localGenerator(["/nonexistent/quadlet"])([unit]), {
    not_run: "arr-mcp has no local quadlet generator",
  });
  // The tests run with --allow-all, so the default permission query grants the generator.
  const verdict = await localGenerator(["/nonexistent/quadlet", tb.quadletBin])([unit]);
  assert.ok("validated_by" in verdict, JSON.stringify(verdict));
  assert.equal(verdict.validated_by, "local");
  assert.equal(verdict.generator, tb.quadletBin);
  assert.equal(verdict.ok, false);
  assert.ok(
    verdict.messages.some((m) => m.includes("bad.container") && m.includes("Frobnicate")),
    verdict.messages.join("\n"),
  );
});

Deno.test("registerQuadletConvertTools validates with the generator named by ARR_QUADLET_GENERATOR", async () => {
  const tb = testbed();
  const stacksDir = await Deno.makeTempDir({ prefix: "arr-quadlet-gen-" });
  await Deno.mkdir(`${stacksDir}/solo`);
  await Deno.writeTextFile(
    `${stacksDir}/solo/compose.yaml`,
    "services:\n  web:\n    image: docker.io/library/nginx:1\n",
  );
  const served = await serveArrMcp({
    env: { ARR_STACKS_DIR: stacksDir, ARR_QUADLET_GENERATOR: tb.quadletBin },
    families: [...MCP_CORE_FAMILIES, registerQuadletConvertTools],
  });
  try {
    const out = await served.call("compose_to_quadlet", { stack: "solo" });
    assert.equal(out.isError, undefined, JSON.stringify(out.content));
    assert.equal(out.structuredContent.validation.validated_by, "local", "no arr-helper runs in this test");
    assert.equal(out.structuredContent.validation.generator, tb.quadletBin);
    assert.equal(
      out.structuredContent.validation.ok,
      true,
      out.structuredContent.validation.messages.join("\n"),
    );
  } finally {
    await served.close();
    await Deno.remove(stacksDir, { recursive: true });
  }
});

/** The flags of `deno task start` (arr-mcp as it ships), between `deno run` and the entry file. */
async function startFlags(): Promise<string[]> {
  const args = await startTaskArgs();
  return args.slice(1, -1);
}

async function probe(flags: readonly string[], generator: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...flags, new URL("./run_permission_probe.ts", import.meta.url).pathname, generator],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

Deno.test("localGenerator() under arr-mcp's shipped flags reports the missing run permission instead of failing", async () => {
  const tb = testbed();
  const flags = await startFlags();
  assert.ok(
    flags.includes("--no-prompt") && !flags.some((f) => f.startsWith("--allow-run")),
    flags.join(" "),
  );
  assert.deepEqual(await probe(flags, tb.quadletBin), {
    granted: false,
    verdict: { not_run: `arr-mcp may not start programs (no --allow-run for ${tb.quadletBin})` },
  });
  const granted = await probe([...flags, `--allow-run=${tb.quadletBin}`], tb.quadletBin);
  assert.equal(granted.granted, true);
  assert.equal(granted.verdict.validated_by, "local");
  assert.equal(granted.verdict.ok, true, JSON.stringify(granted.verdict));
});
