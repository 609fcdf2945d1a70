/**
 * Both protocol generations on one `/mcp`, over real HTTP, against real Podman: the v2 SDK client at
 * 2026-07-28 (server/discover, per-request capabilities, a person's confirmation through input_required) and
 * the v1 SDK client (2025-11-25) plus hand-made 2025-06-18 requests (initialize, confirm_token).
 */
import assert from "node:assert/strict";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { errorOf, serveArrMcp } from "../../_support/harness.ts";
import { SERVER_INSTRUCTIONS } from "../../../../mcp/server/instructions.ts";
import { SERVER_NAME } from "../../../../mcp/core/server_info.ts";

const exists = async (name: string) =>
  (await podman("ps", "-a", "--filter", `name=^${name}$`, "--format", "{{.Names}}")) === name;

Deno.test("a 2026-07-28 client discovers, lists, reads, and removes a container after a person approves", async () => {
  const tb = testbed();
  const name = uniqueName("proto-modern");
  const served = await serveArrMcp({ env: { ARR_RUNTIME_SOCKET: tb.podmanSocket } });
  try {
    await podman("create", "--name", name, tb.image, "true");
    const dialogs: string[] = [];
    const client = await served.modern({
      elicit: (params) => {
        dialogs.push(params.message);
        return { action: "accept", content: { decision: "approve" } };
      },
    });
    assert.equal(client.getServerVersion()?.name, SERVER_NAME);
    assert.equal(client.getInstructions(), SERVER_INSTRUCTIONS);
    assert.ok(client.getServerCapabilities()?.tools);

    const tools = (await client.listTools()).tools;
    assert.ok(tools.some((t) => t.name === "container_remove" && t.annotations?.destructiveHint === true));

    const list = await client.callTool({ name: "container_list", arguments: {} });
    const names = (list.structuredContent as { containers: { name: string }[] }).containers.map((c) =>
      c.name
    );
    assert.ok(names.includes(name));

    const removed = await client.callTool({ name: "container_remove", arguments: { container: name } });
    assert.equal((removed.structuredContent as { status: string }).status, "done");
    assert.equal(dialogs.length, 1);
    assert.match(dialogs[0]!, new RegExp(name));
    assert.equal(await exists(name), false);
    const audit = served.deps.audit.recent(5).filter((e) => e.tool === "container_remove");
    assert.deepEqual(audit.map((e) => [e.phase, e.confirmedBy]), [
      ["succeeded", "elicitation"],
      ["attempted", "elicitation"],
    ]);
  } finally {
    await removeContainers(name);
    await served.close();
  }
});

Deno.test("a 2026-07-28 person who declines leaves the container; a client without dialogs gets a token", async () => {
  const tb = testbed();
  const name = uniqueName("proto-decline");
  const served = await serveArrMcp({ env: { ARR_RUNTIME_SOCKET: tb.podmanSocket } });
  try {
    await podman("create", "--name", name, tb.image, "true");
    const declining = await served.modern({ elicit: () => ({ action: "decline" }) });
    const declined = await declining.callTool({ name: "container_remove", arguments: { container: name } });
    assert.equal(errorOf(declined as never).kind, "confirm_declined");
    assert.equal(await exists(name), true);

    const plain = await served.modern();
    const preview = await plain.callTool({ name: "container_remove", arguments: { container: name } });
    const p = preview.structuredContent as { status: string; confirm_token: string };
    assert.equal(p.status, "confirmation_required");
    const done = await plain.callTool({
      name: "container_remove",
      arguments: { container: name, confirm_token: p.confirm_token },
    });
    assert.equal((done.structuredContent as { status: string }).status, "done");
    assert.equal(await exists(name), false);
  } finally {
    await removeContainers(name);
    await served.close();
  }
});

Deno.test("a 2025-11-25 client (v1 SDK) lists, reads and removes with confirm_token, unchanged", async () => {
  const tb = testbed();
  const name = uniqueName("proto-legacy");
  const served = await serveArrMcp({ env: { ARR_RUNTIME_SOCKET: tb.podmanSocket } });
  try {
    await podman("create", "--name", name, tb.image, "true");
    const client = await served.client();
    assert.equal(client.getServerVersion()?.name, SERVER_NAME);
    assert.equal(client.getInstructions(), SERVER_INSTRUCTIONS);
    assert.ok((await client.listTools()).tools.some((t: { name: string }) => t.name === "container_remove"));
    const preview = await served.call("container_remove", { container: name });
    assert.equal(preview.structuredContent.status, "confirmation_required");
    const done = await served.call("container_remove", {
      container: name,
      confirm_token: preview.structuredContent.confirm_token,
    });
    assert.equal(done.structuredContent.status, "done");
    assert.equal(await exists(name), false);
    assert.equal(served.deps.audit.recent(1)[0]?.confirmedBy, "token");
  } finally {
    await removeContainers(name);
    await served.close();
  }
});

Deno.test("2025-06-18 requests by hand: initialize, tools/list and a tool call answer JSON, as before", async () => {
  const served = await serveArrMcp();
  try {
    const post = async (body: unknown) => {
      const res = await fetch(served.url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${served.key}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2025-06-18",
        },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
      return await res.json();
    };
    const init = await post({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "curl", version: "1" } },
    });
    assert.equal(init.result.protocolVersion, "2025-06-18");
    assert.equal(init.result.instructions, SERVER_INSTRUCTIONS);
    const list = await post({ jsonrpc: "2.0", id: 2, method: "tools/list", params: {} });
    assert.ok(list.result.tools.length > 10);
    const call = await post({
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "compose_read", arguments: { stack: "nope" } },
    });
    assert.equal(call.result.isError, true);
    const ping = await post({ jsonrpc: "2.0", id: 4, method: "ping" });
    assert.deepEqual(ping.result, {});
    // GET and DELETE stay 405: no session, no server-initiated stream.
    for (const method of ["GET", "DELETE"]) {
      const res = await fetch(served.url, { method, headers: { authorization: `Bearer ${served.key}` } });
      assert.equal(res.status, 405);
      await res.body?.cancel();
    }
  } finally {
    await served.close();
  }
});

Deno.test("ARR_CONFIRM=elicit over HTTP: a 2025 client gets a clear error instead of a token", async () => {
  const tb = testbed();
  const name = uniqueName("proto-elicit");
  const served = await serveArrMcp({ env: { ARR_RUNTIME_SOCKET: tb.podmanSocket, ARR_CONFIRM: "elicit" } });
  try {
    await podman("create", "--name", name, tb.image, "true");
    const r = await served.call("container_remove", { container: name });
    const failure = errorOf(r);
    assert.equal(failure.kind, "confirm_unavailable");
    assert.match(failure.message, /ARR_CONFIRM=elicit/);
    assert.equal(r.structuredContent, undefined);
    assert.equal(await exists(name), true);
    const approving = await served.modern({
      elicit: () => ({ action: "accept", content: { decision: "approve" } }),
    });
    await approving.callTool({ name: "container_remove", arguments: { container: name } });
    assert.equal(await exists(name), false);
  } finally {
    await removeContainers(name);
    await served.close();
  }
});
