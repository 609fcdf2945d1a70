/** The systemd tools' gate and confirmation, against the in-memory arr-helper. */
import assert from "node:assert/strict";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ok } from "../../../../shared/result.ts";
import { registerSystemdTools } from "../../../../mcp/systemd/systemd_tools.ts";
import { failureOf } from "../../../../mcp/toolkit/tool_result.ts";
import { fakeHelper } from "../_support/fake_helper.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";

// deno-lint-ignore no-explicit-any
const sc = (r: unknown) => (r as CallToolResult).structuredContent as any;

function world(options: { allowList?: string[]; active?: string; statusExtra?: string } = {}) {
  const helper = fakeHelper({ "sonarr.container": "[Container]\nImage=x\n", "media.network": "[Network]\n" });
  const call = helper.call.bind(helper);
  helper.call = (op, args, opts) => {
    if (op !== "systemd_status") return call(op, args, opts);
    helper.calls.push({ op, args });
    const text = `● ${args.unit}\n     Active: ${options.active ?? "active"} (x)\n${
      options.statusExtra ?? ""
    }`;
    return Promise.resolve(ok({ ok: false, output: text, exit_code: 3 }));
  };
  const deps = testDeps({ helper, config: testConfig({ systemdUnits: options.allowList ?? [] }) });
  return { helper, deps };
}

const changes = (helper: ReturnType<typeof world>["helper"]) =>
  helper.calls.filter((c) => ["systemd_start", "systemd_stop", "systemd_restart"].includes(c.op));

for (const tool of ["systemd_start", "systemd_stop", "systemd_restart"]) {
  Deno.test(`${tool} refuses a unit that is neither a quadlet's service nor allow-listed`, async () => {
    const { helper, deps } = world();
    await using conn = await connectInMemory(deps, [registerSystemdTools]);
    const r = await conn.client.callTool({ name: tool, arguments: { unit: "ssh-agent.service" } });
    const f = failureOf(r);
    assert.equal(f?.kind, "refused");
    assert.match(f?.message ?? "", /not a service of one of your quadlets.*ARR_SYSTEMD_UNITS/);
    assert.deepEqual(changes(helper), []);
  });

  Deno.test(`${tool} refuses exit.target without asking arr-helper, even when allow-listed`, async () => {
    const { helper, deps } = world({ allowList: ["exit.target"] });
    await using conn = await connectInMemory(deps, [registerSystemdTools]);
    const r = await conn.client.callTool({ name: tool, arguments: { unit: "exit.target" } });
    assert.equal(failureOf(r)?.kind, "refused");
    assert.match(failureOf(r)?.message ?? "", /special unit/);
    assert.deepEqual(helper.calls, []);
  });
}

Deno.test("systemd_start starts a quadlet's service and an allow-listed unit", async () => {
  const { helper, deps } = world({ allowList: ["backup.timer"] });
  await using conn = await connectInMemory(deps, [registerSystemdTools]);
  for (const unit of ["sonarr", "media-network.service", "backup.timer"]) {
    const r = await conn.client.callTool({ name: "systemd_start", arguments: { unit } });
    assert.equal(r.isError, undefined, JSON.stringify(r));
  }
  assert.deepEqual(changes(helper).map((c) => c.args.unit), [
    "sonarr.service",
    "media-network.service",
    "backup.timer",
  ]);
});

Deno.test("systemd_restart of an active unit needs a confirm token, then restarts", async () => {
  const { helper, deps } = world();
  await using conn = await connectInMemory(deps, [registerSystemdTools]);
  const first = await conn.client.callTool({
    name: "systemd_restart",
    arguments: { unit: "sonarr.service" },
  });
  assert.equal(sc(first).status, "confirmation_required");
  assert.deepEqual(changes(helper), []);
  const second = await conn.client.callTool({
    name: "systemd_restart",
    arguments: { unit: "sonarr.service", confirm_token: sc(first).confirm_token },
  });
  assert.equal(sc(second).status, "done", JSON.stringify(second));
  assert.deepEqual(changes(helper).map((c) => c.op), ["systemd_restart"]);
});

Deno.test("systemd_restart of an inactive or failed unit runs at once", async () => {
  for (const active of ["inactive", "failed"]) {
    const { helper, deps } = world({ active });
    await using conn = await connectInMemory(deps, [registerSystemdTools]);
    const r = await conn.client.callTool({ name: "systemd_restart", arguments: { unit: "sonarr.service" } });
    assert.equal(sc(r).status, "done", active);
    assert.deepEqual(changes(helper).map((c) => c.op), ["systemd_restart"]);
  }
});

Deno.test("systemd_status reads any unit and redacts its output", async () => {
  const { deps } = world({
    statusExtra:
      "     └─42 /usr/bin/podman run --name systemd-x --env API_TOKEN=tok-1 -e PASSWORD=pw-2 img\n",
  });
  await using conn = await connectInMemory(deps, [registerSystemdTools]);
  const r = await conn.client.callTool({ name: "systemd_status", arguments: { unit: "ssh-agent.service" } });
  const text = JSON.stringify(r);
  assert.ok(!text.includes("tok-1") && !text.includes("pw-2"), text);
  assert.match(sc(r).output, /--env API_TOKEN=\[REDACTED\] -e PASSWORD=\[REDACTED\]/);
  assert.equal(sc(r).active_state, "active");
});
