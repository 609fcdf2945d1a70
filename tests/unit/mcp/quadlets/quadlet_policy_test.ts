/**
 * The content policy on the quadlet write paths: quadlet_write (a new clean unit is written at once, a flagged
 * one needs a token and the preview names the flag, strict refuses) and quadlet_install (every staged unit is
 * read; the preview lists the flags, strict refuses).
 */
import assert from "node:assert/strict";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Config } from "../../../../mcp/core/config.ts";
import { quadletConvertFamily } from "../../../../mcp/quadlets/convert/convert_tools.ts";
import { registerQuadletTools } from "../../../../mcp/quadlets/quadlet_tools.ts";
import { failureOf } from "../../../../mcp/toolkit/tool_result.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { fakeHelper } from "../_support/fake_helper.ts";
import { testDeps } from "../_support/test_deps.ts";

const CLEAN = "[Container]\nImage=docker.io/library/busybox:1\n";
const PRIVILEGED = `${CLEAN}PodmanArgs=--privileged\n`;
const ROOT_MOUNT = `${CLEAN}Volume=/:/host\n`;

async function world(config: Partial<Config> = {}) {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-quadlet-policy-" }));
  await Deno.mkdir(`${base}/stacks`);
  const helper = fakeHelper();
  const deps = testDeps({ helper });
  const noValidation = () => Promise.resolve({ not_run: "no generator in unit tests" });
  const conn = await connectInMemory(
    { ...deps, config: { ...deps.config, stacksDir: `${base}/stacks`, ...config } },
    [registerQuadletTools, quadletConvertFamily({ validate: noValidation })],
  );
  const call = async (name: string, args: Record<string, unknown>) =>
    await conn.client.callTool({ name, arguments: args }) as CallToolResult;
  return {
    stacks: `${base}/stacks`,
    helper,
    call,
    // deno-lint-ignore no-explicit-any
    sc: (r: CallToolResult) => r.structuredContent as any,
    [Symbol.asyncDispose]: async () => {
      await conn.close();
      await Deno.remove(base, { recursive: true });
    },
  };
}

Deno.test("quadlet_write writes a new, clean unit at once", async () => {
  await using w = await world();
  const r = w.sc(await w.call("quadlet_write", { file: "web.container", content: CLEAN }));
  assert.equal(r.status, "done");
  assert.equal(w.helper.quadlets.get("web.container"), CLEAN);
});

Deno.test("quadlet_write of a flagged new unit needs a token; the preview names the flag", async (t) => {
  for (
    const [content, words] of [[PRIVILEGED, "runs privileged"], [
      ROOT_MOUNT,
      "mounts /, the whole host",
    ]] as const
  ) {
    await t.step(words, async () => {
      await using w = await world();
      const r = w.sc(await w.call("quadlet_write", { file: "bad.container", content }));
      assert.equal(r.status, "confirmation_required");
      assert.ok(r.preview.summary.includes(`Unit "bad.container" ${words}`), r.preview.summary);
      assert.equal(r.preview.details.policy.decision, "confirm");
      assert.equal(w.helper.quadlets.has("bad.container"), false, "nothing written before the token");
      const done = w.sc(
        await w.call("quadlet_write", { file: "bad.container", content, confirm_token: r.confirm_token }),
      );
      assert.equal(done.status, "done");
      assert.equal(w.helper.quadlets.get("bad.container"), content);
    });
  }
});

Deno.test("quadlet_write with ARR_POLICY=strict refuses a flagged unit", async () => {
  await using w = await world({ policy: "strict" });
  const r = await w.call("quadlet_write", {
    file: "bad.container",
    content: `${PRIVILEGED}Volume=/:/host\n`,
  });
  assert.equal(failureOf(r)?.kind, "policy_refused");
  assert.match(failureOf(r)?.message ?? "", /^Cannot write quadlet bad\.container: .*ARR_POLICY=strict/);
  assert.match(failureOf(r)?.message ?? "", /runs privileged(.|\n)*mounts \//);
  assert.equal(w.helper.quadlets.has("bad.container"), false);
});

async function staged(stacks: string, units: Record<string, string>) {
  await Deno.mkdir(`${stacks}/site/quadlets`, { recursive: true });
  for (const [file, text] of Object.entries(units)) {
    await Deno.writeTextFile(`${stacks}/site/quadlets/${file}`, text);
  }
}

Deno.test("quadlet_install reads every staged unit with the policy and lists the flags", async () => {
  await using w = await world();
  await staged(w.stacks, { "site-web.container": CLEAN, "site-bad.container": ROOT_MOUNT });
  const r = w.sc(await w.call("quadlet_install", { stack: "site" }));
  assert.equal(r.status, "confirmation_required");
  assert.ok(r.preview.summary.includes('Unit "site-bad.container" mounts /, the whole host'));
  assert.deepEqual(r.preview.details.policy.flags.map((f: { unit: string }) => f.unit), [
    "site-bad.container",
  ]);
  assert.equal(w.helper.quadlets.size, 0);
});

Deno.test("quadlet_install with ARR_POLICY=strict refuses when any staged unit is flagged", async () => {
  await using w = await world({ policy: "strict" });
  await staged(w.stacks, { "site-web.container": CLEAN, "site-bad.container": PRIVILEGED });
  const r = await w.call("quadlet_install", { stack: "site" });
  assert.equal(failureOf(r)?.kind, "policy_refused");
  assert.match(
    failureOf(r)?.message ?? "",
    /^Cannot install the staged units of stack "site"(.|\n)*runs privileged/,
  );
  assert.equal(w.helper.quadlets.size, 0);
  await Deno.remove(`${w.stacks}/site/quadlets/site-bad.container`);
  const clean = w.sc(await w.call("quadlet_install", { stack: "site" }));
  assert.equal(clean.preview.details.policy.decision, "allow");
});
