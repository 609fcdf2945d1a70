/**
 * The content policy on the stack write and start paths: compose_write (new stacks and flagged content need a
 * token, the preview names every flag, strict refuses), stack_up (flagged content changed since the last
 * approved start needs a token; unchanged or clean starts at once) and compose_validate's `policy` field.
 */
import assert from "node:assert/strict";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { registerStackTools } from "../../../../mcp/stacks/stack_tools.ts";
import { APPROVALS_FILE } from "../../../../mcp/stacks/start_approvals.ts";
import { failureOf } from "../../../../mcp/toolkit/tool_result.ts";
import type { Config } from "../../../../mcp/core/config.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { fakeHelper } from "../_support/fake_helper.ts";
import { testDeps } from "../_support/test_deps.ts";

const CLEAN = "services:\n  web:\n    image: docker.io/library/busybox:1\n";

async function world(config: Partial<Config> = {}) {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-stack-policy-" }));
  await Deno.mkdir(`${base}/stacks`);
  await Deno.mkdir(`${base}/data`);
  const helper = fakeHelper();
  const deps = testDeps({ helper });
  const conn = await connectInMemory({
    ...deps,
    config: { ...deps.config, stacksDir: `${base}/stacks`, dataDir: `${base}/data`, ...config },
  }, [registerStackTools]);
  const call = async (name: string, args: Record<string, unknown>) =>
    await conn.client.callTool({ name, arguments: args }) as CallToolResult;
  return {
    base,
    stacks: `${base}/stacks`,
    data: `${base}/data`,
    helper,
    call,
    // deno-lint-ignore no-explicit-any
    sc: (r: CallToolResult) => r.structuredContent as any,
    started: () => helper.calls.filter((c) => c.op === "stack_up").length,
    [Symbol.asyncDispose]: async () => {
      await conn.close();
      await Deno.remove(base, { recursive: true });
    },
  };
}

function mountingData(data: string): string {
  return `services:\n  thief:\n    image: docker.io/library/busybox:1\n    volumes:\n      - ${data}:/loot:ro\n`;
}

async function stack(dir: string, name: string, compose: string, env?: string) {
  await Deno.mkdir(`${dir}/${name}`, { recursive: true });
  await Deno.writeTextFile(`${dir}/${name}/compose.yaml`, compose);
  if (env !== undefined) await Deno.writeTextFile(`${dir}/${name}/.env`, env);
}

Deno.test("compose_write of a new, clean stack needs a token and writes nothing before it", async () => {
  await using w = await world();
  const preview = w.sc(await w.call("compose_write", { stack: "web", content: CLEAN }));
  assert.equal(preview.status, "confirmation_required");
  assert.match(
    preview.preview.summary,
    /^Create .*compose\.yaml \(a new stack\)\nThe content policy flagged nothing\./,
  );
  assert.equal(preview.preview.details.policy.decision, "allow");
  await assert.rejects(Deno.stat(`${w.stacks}/web`), Deno.errors.NotFound);
  const done = w.sc(
    await w.call("compose_write", { stack: "web", content: CLEAN, confirm_token: preview.confirm_token }),
  );
  assert.equal(done.status, "done");
  assert.equal(await Deno.readTextFile(`${w.stacks}/web/compose.yaml`), CLEAN);
});

Deno.test("compose_write of a stack mounting the data dir: the preview names the mount, nothing is written", async () => {
  await using w = await world();
  const content = mountingData(w.data);
  const r = w.sc(await w.call("compose_write", { stack: "thief", content }));
  assert.equal(r.status, "confirmation_required");
  assert.ok(r.preview.summary.includes(`Service "thief" mounts ${w.data}, arr-mcp's data folder`));
  assert.equal(r.preview.details.policy.decision, "confirm");
  assert.deepEqual(r.preview.details.policy.flags.map((f: { rule: string }) => f.rule), ["host-path"]);
  assert.match(r.preview.details.policy.flags[0].detail, /volumes\[0\]/);
  await assert.rejects(Deno.stat(`${w.stacks}/thief`), Deno.errors.NotFound);
});

Deno.test("compose_write with ARR_POLICY=strict refuses flagged content and lists every flag", async () => {
  await using w = await world({ policy: "strict" });
  const content = `${mountingData(w.data)}    privileged: true\n    pid: host\n`;
  const r = await w.call("compose_write", { stack: "thief", content });
  assert.equal(failureOf(r)?.kind, "policy_refused");
  const message = failureOf(r)?.message ?? "";
  assert.match(message, /^Cannot write stack "thief": the content policy refuses it \(ARR_POLICY=strict\)/);
  for (const words of [/arr-mcp's data folder/, /runs privileged/, /host's pid namespace|host's process/]) {
    assert.match(message, words);
  }
  await assert.rejects(Deno.stat(`${w.stacks}/thief`), Deno.errors.NotFound);
  // Clean content is still written under strict (with the usual token).
  const clean = w.sc(await w.call("compose_write", { stack: "web", content: CLEAN }));
  assert.equal(clean.status, "confirmation_required");
});

Deno.test("stack_up asks once for content nobody approved, clean or not, then records it as approved", async () => {
  await using w = await world();
  await stack(w.stacks, "web", CLEAN, "TZ=UTC\n");
  const asked = w.sc(await w.call("stack_up", { stack: "web" }));
  assert.equal(asked.status, "confirmation_required");
  assert.match(asked.preview.summary, /not the content last approved/);
  assert.equal(w.started(), 0);
  const r = w.sc(await w.call("stack_up", { stack: "web", confirm_token: asked.confirm_token }));
  assert.equal(r.status, "done");
  assert.equal(w.started(), 1);
  const recorded = JSON.parse(await Deno.readTextFile(`${w.data}/${APPROVALS_FILE}`));
  assert.equal(typeof recorded.web.compose, "string");
  assert.equal(typeof recorded.web.env, "string");
  assert.equal((await Deno.stat(`${w.data}/${APPROVALS_FILE}`)).mode! & 0o777, 0o600);
  // Unchanged: starts at once.
  assert.equal(w.sc(await w.call("stack_up", { stack: "web" })).status, "done");
  assert.equal(w.started(), 2);
});

Deno.test("content approved at compose_write starts without a second approval", async () => {
  await using w = await world();
  const preview = w.sc(await w.call("compose_write", { stack: "fresh", content: CLEAN }));
  assert.equal(preview.status, "confirmation_required");
  const written = w.sc(
    await w.call("compose_write", { stack: "fresh", content: CLEAN, confirm_token: preview.confirm_token }),
  );
  assert.equal(written.status, "done");
  assert.equal(w.sc(await w.call("stack_up", { stack: "fresh" })).status, "done");
  assert.equal(w.started(), 1);
});

Deno.test("stack_up of flagged content asks once per change of the compose file or .env", async () => {
  await using w = await world();
  await stack(w.stacks, "thief", mountingData(w.data));
  const asked = w.sc(await w.call("stack_up", { stack: "thief" }));
  assert.equal(asked.status, "confirmation_required");
  assert.ok(asked.preview.summary.includes(`mounts ${w.data}, arr-mcp's data folder`));
  assert.equal(w.started(), 0, "nothing started without a token");

  const done = w.sc(await w.call("stack_up", { stack: "thief", confirm_token: asked.confirm_token }));
  assert.equal(done.status, "done");
  assert.equal(w.started(), 1);

  // Unchanged since the approved start: starts at once.
  assert.equal(w.sc(await w.call("stack_up", { stack: "thief" })).status, "done");
  assert.equal(w.started(), 2);

  // A new .env (it feeds interpolation) asks again.
  await Deno.writeTextFile(`${w.stacks}/thief/.env`, "X=1\n");
  assert.equal(w.sc(await w.call("stack_up", { stack: "thief" })).status, "confirmation_required");
  // So does a changed compose file.
  await Deno.writeTextFile(
    `${w.stacks}/thief/compose.yaml`,
    `${mountingData(w.data)}    command: ["true"]\n`,
  );
  assert.equal(w.sc(await w.call("stack_up", { stack: "thief" })).status, "confirmation_required");
  assert.equal(w.started(), 2);
});

Deno.test("stack_up's token is bound to the content: a change after the preview invalidates it", async () => {
  await using w = await world();
  await stack(w.stacks, "thief", mountingData(w.data));
  const asked = w.sc(await w.call("stack_up", { stack: "thief" }));
  await Deno.writeTextFile(`${w.stacks}/thief/compose.yaml`, `${mountingData(w.data)}    privileged: true\n`);
  const r = await w.call("stack_up", { stack: "thief", confirm_token: asked.confirm_token });
  assert.match(failureOf(r)?.kind ?? "", /^confirm_/);
  assert.equal(w.started(), 0);
});

Deno.test("stack_up with ARR_POLICY=strict refuses flagged content, even approved before", async () => {
  await using w = await world({ policy: "strict" });
  await stack(w.stacks, "thief", mountingData(w.data));
  const r = await w.call("stack_up", { stack: "thief" });
  assert.equal(failureOf(r)?.kind, "policy_refused");
  assert.match(failureOf(r)?.message ?? "", /^Cannot start stack "thief".*\n(.|\n)*arr-mcp's data folder/);
  assert.equal(w.started(), 0);
  await stack(w.stacks, "web", CLEAN);
  const clean = w.sc(await w.call("stack_up", { stack: "web" }));
  assert.equal(clean.status, "confirmation_required", "clean content is not refused, only asked for");
});

Deno.test("stack_up counts content it cannot read as flagged", async () => {
  await using w = await world();
  await stack(w.stacks, "broken", "services: [unclosed\n");
  const r = w.sc(await w.call("stack_up", { stack: "broken" }));
  assert.equal(r.status, "confirmation_required");
  assert.match(r.preview.summary, /The content policy cannot check it: /);
  assert.equal(w.started(), 0);
});

Deno.test("compose_validate reports the policy's flags beside podman-compose's verdict", async () => {
  await using w = await world();
  await stack(w.stacks, "thief", mountingData(w.data));
  const r = w.sc(await w.call("compose_validate", { stack: "thief" }));
  assert.equal(r.valid, true);
  assert.equal(r.policy.decision, "confirm");
  assert.match(r.policy.text, /arr-mcp's data folder/);
  await stack(w.stacks, "web", CLEAN);
  const clean = w.sc(await w.call("compose_validate", { stack: "web" }));
  assert.deepEqual(clean.policy, {
    decision: "allow",
    text: "The content policy flagged nothing.",
    flags: [],
  });
});
