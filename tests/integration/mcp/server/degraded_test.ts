import assert from "node:assert/strict";
import { testbed } from "../../../testbed/testbed.ts";
import { errorOf, serveArrMcp } from "../../_support/harness.ts";

Deno.test("without a runtime socket and helper the server still answers, and each tool explains the fix", async (t) => {
  const served = await serveArrMcp();
  try {
    await t.step("runtime tools return an unreachable error naming the configured socket", async () => {
      const r = await served.call("container_list");
      assert.equal(r.isError, true);
      assert.equal(errorOf(r).kind, "unreachable");
      assert.match(errorOf(r).message, /runtime at .*no-runtime\.sock does not answer/);
    });

    await t.step(
      "stack, systemd and quadlet tools point to the README's arr-helper setup section",
      async () => {
        for (
          const [tool, args] of [["stack_up", { stack: "media" }], ["systemd_status", { unit: "sonarr" }], [
            "quadlet_list",
            {},
          ]] as const
        ) {
          const r = await served.call(tool, args);
          assert.equal(r.isError, true, tool);
          assert.equal(errorOf(r).kind, "helper_unavailable", tool);
          assert.match(errorOf(r).message, /"arr-helper setup" section of the README/, tool);
        }
      },
    );

    await t.step("stack_list still lists stacks on disk, with unknown states", async () => {
      await Deno.mkdir(`${served.dataDir}/stacks/media`, { recursive: true });
      await Deno.writeTextFile(`${served.dataDir}/stacks/media/compose.yaml`, "services: {}\n");
      const r = await served.call("stack_list");
      assert.deepEqual(
        r.structuredContent.stacks.map((s: { name: string; state: string }) => [s.name, s.state]),
        [["media", "unknown"]],
      );
      assert.match(r.structuredContent.runtime_error, /does not answer/);
    });

    await t.step("/api/status reports both as unavailable", async () => {
      const res = await fetch(`${served.origin}/api/status`, {
        headers: { Authorization: `Bearer ${served.key}` },
      });
      assert.equal(res.status, 200);
      const status = await res.json();
      assert.equal(status.runtime.available, false);
      assert.match(status.runtime.error, /does not answer/);
      assert.equal(status.helper.available, false);
      assert.deepEqual(status.containers, []);
      assert.equal(status.stacks[0].state, "unknown");
    });
  } finally {
    await served.close();
  }
});

Deno.test("/api/status reports the real Podman runtime and its containers, with the key as header or ?key=", async () => {
  const tb = testbed();
  const served = await serveArrMcp({ env: { ARR_RUNTIME_SOCKET: tb.podmanSocket } });
  try {
    const res = await fetch(`${served.origin}/api/status?key=${encodeURIComponent(served.key)}`);
    assert.equal(res.status, 200);
    const status = await res.json();
    assert.equal(status.schema, 1);
    assert.equal(status.runtime.available, true);
    assert.equal(status.runtime.kind, "podman");
    assert.match(status.runtime.version, /^\d+\.\d+/);
    assert.equal(typeof status.runtime.rootless, "boolean");
    assert.ok(Array.isArray(status.containers));
    assert.equal(status.helper.available, false);
    assert.doesNotMatch(JSON.stringify(status), new RegExp(served.key));
    const wrong = await fetch(`${served.origin}/api/status?key=wrong-key`);
    assert.equal(wrong.status, 401);
    assert.match(wrong.headers.get("www-authenticate") ?? "", /^Bearer/);
    await wrong.body?.cancel();
  } finally {
    await served.close();
  }
});

Deno.test("ARR_READ_ONLY offers only read-only tools over real MCP", async () => {
  const served = await serveArrMcp({ env: { ARR_READ_ONLY: "true" } });
  try {
    const client = await served.client();
    const tools = (await client.listTools()).tools;
    assert.ok(tools.length >= 8);
    for (const tool of tools) assert.equal(tool.annotations?.readOnlyHint, true, tool.name);
    assert.ok(!tools.some((t: { name: string }) => t.name === "container_stop"));
  } finally {
    await served.close();
  }
});
