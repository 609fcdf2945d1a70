/**
 * compose_to_quadlet's conversion arguments: profiles (default COMPOSE_PROFILES from the stack's .env),
 * start_timeout (TimeoutStartSec=, default 900), project_name (default as compose resolves it), and
 * report.skipped for the services a profile left out.
 */
import assert from "node:assert/strict";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { quadletConvertFamily } from "../../../../../mcp/quadlets/convert/convert_tools.ts";
import { failureOf } from "../../../../../mcp/toolkit/tool_result.ts";
import { connectInMemory } from "../../_support/in_memory_client.ts";
import { fakeHelper } from "../../_support/fake_helper.ts";
import { testDeps } from "../../_support/test_deps.ts";

const COMPOSE = `services:
  web:
    image: docker.io/library/nginx:1
    volumes: [data:/data]
  debug:
    image: docker.io/library/busybox:1
    profiles: [debug]
volumes:
  data: {}
`;

async function world(files: Record<string, string>) {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-to-quadlet-args-" }));
  await Deno.mkdir(`${base}/stacks/site`, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await Deno.writeTextFile(`${base}/stacks/site/${name}`, text);
  }
  const deps = testDeps({ helper: fakeHelper() });
  const noValidation = () => Promise.resolve({ not_run: "no generator in unit tests" });
  const conn = await connectInMemory(
    { ...deps, config: { ...deps.config, stacksDir: `${base}/stacks` } },
    [quadletConvertFamily({ validate: noValidation })],
  );
  const convert = async (args: Record<string, unknown>) =>
    await conn.client.callTool({
      name: "compose_to_quadlet",
      arguments: { stack: "site", ...args },
    }) as CallToolResult;
  return {
    convert,
    // deno-lint-ignore no-explicit-any
    sc: (r: CallToolResult) => r.structuredContent as any,
    [Symbol.asyncDispose]: async () => {
      await conn.close();
      await Deno.remove(base, { recursive: true });
    },
  };
}

// deno-lint-ignore no-explicit-any
const unit = (out: any, file: string): string =>
  out.units.find((u: { file: string }) => u.file === file)?.content;

Deno.test("compose_to_quadlet skips a service whose profile is inactive and says why", async () => {
  await using w = await world({ "compose.yaml": COMPOSE });
  const out = w.sc(await w.convert({}));
  assert.deepEqual(out.units.map((u: { file: string }) => u.file).sort(), [
    "site-data.volume",
    "site-default.network",
    "site-web.container",
  ]);
  assert.deepEqual(out.report.skipped, [{ service: "debug", reason: 'profiles "debug" not active' }]);
  assert.equal(out.project, "site");
});

Deno.test("compose_to_quadlet profiles argument activates a profile; COMPOSE_PROFILES in .env is the default", async () => {
  await using w = await world({ "compose.yaml": COMPOSE, ".env": "COMPOSE_PROFILES=debug\n" });
  const fromEnv = w.sc(await w.convert({}));
  assert.ok(fromEnv.units.some((u: { file: string }) => u.file === "site-debug.container"));
  assert.deepEqual(fromEnv.report.skipped, []);
  const explicit = w.sc(await w.convert({ profiles: [] }));
  assert.ok(!explicit.units.some((u: { file: string }) => u.file === "site-debug.container"));
  assert.equal(explicit.report.skipped.length, 1);
});

Deno.test("compose_to_quadlet start_timeout sets TimeoutStartSec=, 900 by default, 0 leaves systemd's", async () => {
  await using w = await world({ "compose.yaml": COMPOSE });
  assert.match(unit(w.sc(await w.convert({})), "site-web.container"), /^TimeoutStartSec=900$/m);
  assert.match(
    unit(w.sc(await w.convert({ start_timeout: 1800 })), "site-web.container"),
    /^TimeoutStartSec=1800$/m,
  );
  assert.doesNotMatch(
    unit(w.sc(await w.convert({ start_timeout: 0 })), "site-web.container"),
    /TimeoutStartSec/,
  );
  const bad = await w.convert({ start_timeout: -1 });
  assert.equal(bad.isError, true);
});

Deno.test("compose_to_quadlet project_name names the volumes; default name:, then COMPOSE_PROJECT_NAME, then the folder", async () => {
  await using w = await world({ "compose.yaml": COMPOSE, ".env": "COMPOSE_PROJECT_NAME=Old_Media\n" });
  const fromEnv = w.sc(await w.convert({}));
  assert.equal(fromEnv.project, "old_media");
  assert.match(unit(fromEnv, "site-data.volume"), /^VolumeName=old_media_data$/m);
  const explicit = w.sc(await w.convert({ project_name: "media" }));
  assert.equal(explicit.project, "media");
  assert.match(unit(explicit, "site-data.volume"), /^VolumeName=media_data$/m);
  assert.match(unit(explicit, "site-web.container"), /^Volume=site-data\.volume:\/data$/m);
  const bad = await w.convert({ project_name: "__" });
  assert.equal(bad.isError, true);
  assert.match(failureOf(bad)?.message ?? "", /project name/);
});
