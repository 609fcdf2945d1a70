import assert from "node:assert/strict";
import { provideUpgradeParts, registerUpgradeTools } from "../../../../mcp/upgrades/upgrade_tools.ts";
import { failureOf } from "../../../../mcp/toolkit/tool_result.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { fakeHelper } from "../_support/fake_helper.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";
import { fakeContainer, fakeRuntime } from "../dashboard/fixtures.ts";
import { fakeUpgradeParts } from "../_support/upgrade_fakes.ts";

async function world(labels?: Record<string, string>) {
  const root = await Deno.makeTempDir();
  await Deno.mkdir(`${root}/stacks/media`, { recursive: true });
  await Deno.writeTextFile(`${root}/stacks/media/compose.yaml`, "services:\n  sonarr:\n    image: x\n");
  const runtime = fakeRuntime([fakeContainer("sonarr", "running")]);
  const helper = fakeHelper();
  const deps = testDeps({ runtime, helper, config: testConfig({ stacksDir: `${root}/stacks` }) });
  provideUpgradeParts(runtime, fakeUpgradeParts(`${root}/stacks`, deps.clock, labels));
  const mcp = await connectInMemory(deps, [registerUpgradeTools]);
  return {
    mcp,
    helper,
    deps,
    call: (name: string, args: Record<string, unknown>) => mcp.client.callTool({ name, arguments: args }),
    [Symbol.asyncDispose]: async () => {
      await mcp[Symbol.asyncDispose]();
      await Deno.remove(root, { recursive: true });
    },
  };
}

// deno-lint-ignore no-explicit-any
const content = (r: unknown) => (r as { structuredContent: any }).structuredContent;

Deno.test("upgrade_apply previews, runs with its token, and refuses the token again", async () => {
  await using w = await world();
  const preview = content(await w.call("upgrade_apply", { container: "sonarr" }));
  assert.equal(preview.status, "confirmation_required");
  assert.match(preview.preview.summary, /^Upgrade sonarr from lscr\.io\/linuxserver\/sonarr:latest to /);
  const done = content(
    await w.call("upgrade_apply", { container: "sonarr", confirm_token: preview.confirm_token }),
  );
  assert.equal(done.result.outcome, "upgraded");
  assert.deepEqual(w.helper.calls, [{
    op: "stack_service_recreate",
    args: { stack: "media", service: "sonarr" },
  }]);
  const again = await w.call("upgrade_apply", { container: "sonarr", confirm_token: preview.confirm_token });
  assert.match(failureOf(again as never)?.kind ?? "", /^confirm_/);
  assert.equal(w.helper.calls.length, 1, "nothing ran again");
  const steps = w.deps.audit.recent(50).filter((e) => e.tool === "upgrade_apply" && e.detail !== "ok")
    .map((e) => [(JSON.parse(e.args) as { step?: string }).step, e.phase]).filter(([step]) =>
      step !== undefined
    )
    .reverse();
  assert.deepEqual(steps, [
    ["pull", "succeeded"],
    ["keep", "succeeded"],
    ["tag", "succeeded"],
    ["recreate", "succeeded"],
    ["health", "succeeded"],
  ]);
});

Deno.test("a token issued before the running image changed is refused", async () => {
  await using w = await world();
  const first = content(await w.call("upgrade_apply", { container: "sonarr" }));
  const applied = content(await w.call("upgrade_apply", { container: "sonarr" }));
  // Upgraded with the second token: the first was bound to the image that no longer runs.
  await w.call("upgrade_apply", { container: "sonarr", confirm_token: applied.confirm_token });
  const stale = await w.call("upgrade_apply", { container: "sonarr", confirm_token: first.confirm_token });
  assert.equal(failureOf(stale as never)?.kind, "confirm_mismatch");
});

Deno.test("upgrade_rollback goes back to the kept image, and refuses when there is none", async () => {
  await using w = await world();
  const none = await w.call("upgrade_rollback", { container: "sonarr" });
  assert.equal(failureOf(none as never)?.kind, "not_found");
  const t = content(await w.call("upgrade_apply", { container: "sonarr" })).confirm_token;
  await w.call("upgrade_apply", { container: "sonarr", confirm_token: t });
  const preview = content(await w.call("upgrade_rollback", { container: "sonarr" }));
  assert.match(preview.preview.summary, /kept image old/);
  const done = content(
    await w.call("upgrade_rollback", { container: "sonarr", confirm_token: preview.confirm_token }),
  );
  assert.equal(done.result.ok, true);
  const already = await w.call("upgrade_rollback", { container: "sonarr" });
  assert.equal(failureOf(already as never)?.kind, "conflict");
});

Deno.test("upgrade_apply refuses an unmanaged container with the plan's reason", async () => {
  await using w = await world({});
  const r = await w.call("upgrade_apply", { container: "sonarr" });
  assert.equal(failureOf(r as never)?.kind, "unsupported");
  assert.match(failureOf(r as never)?.message ?? "", /not managed by a quadlet unit or a compose stack/);
});
