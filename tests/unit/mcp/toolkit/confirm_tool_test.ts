import assert from "node:assert/strict";
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { defineConfirmedTool } from "../../../../mcp/toolkit/confirm_tool.ts";
import type { ToolDeps } from "../../../../mcp/toolkit/deps.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";
import { failureOf } from "../../../../mcp/toolkit/tool_result.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";

const errorOf = (r: Parameters<typeof failureOf>[0]) => failureOf(r) ?? { kind: "none", message: "" };

/** A destructive tool over an in-memory set of files, to exercise the flow without real I/O. */
function fileFamily(files: Map<string, string>) {
  return (server: McpServer, deps: ToolDeps) =>
    defineConfirmedTool(server, deps, {
      name: "demo_delete",
      title: "Delete demo file",
      description: "Deletes a demo file.",
      input: { path: z.string().describe("File to delete") },
      output: { deleted: z.string() },
      idempotent: true,
      plan: ({ path }: { path: string }) => {
        const content = files.get(path);
        if (content === undefined) {
          return Promise.resolve({
            ok: false as const,
            error: { kind: "not_found", message: `No file "${path}"` },
          });
        }
        return Promise.resolve({
          ok: true as const,
          value: {
            operation: { path, content },
            summary: `Delete ${path}`,
            details: { bytes: content.length },
            needsConfirmation: true,
          },
        });
      },
      execute: (op: { path: string }) => {
        files.delete(op.path);
        return Promise.resolve({ ok: true as const, value: { deleted: op.path } });
      },
    });
}

function connect(deps: ToolDeps, files: Map<string, string>) {
  return connectInMemory(deps, [fileFamily(files)]);
}

type Structured = { status?: string; confirm_token?: string; result?: unknown; error?: { kind: string } };

Deno.test("defineConfirmedTool() previews, then executes only with the token, once", async () => {
  const deps = testDeps();
  const files = new Map([["a", "hello"]]);
  const { client, close } = await connect(deps, files);
  try {
    const preview = await client.callTool({ name: "demo_delete", arguments: { path: "a", confirm: true } });
    const p = preview.structuredContent as Structured;
    assert.equal(p.status, "confirmation_required");
    assert.equal(files.has("a"), true);
    assert.equal(deps.audit.recent(10).length, 0);

    const done = await client.callTool({
      name: "demo_delete",
      arguments: { path: "a", confirm_token: p.confirm_token },
    });
    assert.deepEqual((done.structuredContent as Structured).result, { deleted: "a" });
    assert.equal(files.has("a"), false);

    files.set("a", "hello");
    const replay = await client.callTool({
      name: "demo_delete",
      arguments: { path: "a", confirm_token: p.confirm_token },
    });
    assert.equal(replay.isError, true);
    assert.equal(errorOf(replay).kind, "confirm_used");
    assert.equal(files.has("a"), true);
    const phases = deps.audit.recent(10).map((e) => e.phase);
    assert.deepEqual(phases, ["failed", "attempted", "succeeded", "attempted"]);
    assert.doesNotMatch(JSON.stringify(deps.audit.recent(10)), /v1\./);
  } finally {
    await close();
  }
});

Deno.test("defineConfirmedTool() refuses a token when the resolved operation changed or expired", async () => {
  const deps = testDeps();
  const files = new Map([["a", "one"], ["b", "two"]]);
  const { client, close } = await connect(deps, files);
  try {
    const p = (await client.callTool({ name: "demo_delete", arguments: { path: "a" } }))
      .structuredContent as Structured;
    const other = await client.callTool({
      name: "demo_delete",
      arguments: { path: "b", confirm_token: p.confirm_token },
    });
    assert.equal(errorOf(other).kind, "confirm_mismatch");
    files.set("a", "changed");
    const stale = await client.callTool({
      name: "demo_delete",
      arguments: { path: "a", confirm_token: p.confirm_token },
    });
    assert.equal(errorOf(stale).kind, "confirm_mismatch");
    const p2 = (await client.callTool({ name: "demo_delete", arguments: { path: "a" } }))
      .structuredContent as Structured;
    deps.clock.advance(5 * 60 * 1000 + 1);
    const late = await client.callTool({
      name: "demo_delete",
      arguments: { path: "a", confirm_token: p2.confirm_token },
    });
    assert.equal(errorOf(late).kind, "confirm_expired");
    assert.deepEqual([...files.keys()], ["a", "b"]);
  } finally {
    await close();
  }
});

Deno.test("defineConfirmedTool() is not registered in read-only mode and lists destructive annotations", async () => {
  const files = new Map<string, string>();
  const ro = await connect(testDeps({ config: testConfig({ readOnly: true }) }), files);
  try {
    assert.deepEqual((await ro.client.listTools()).tools, []);
  } finally {
    await ro.close();
  }
  const rw = await connect(testDeps(), files);
  try {
    const [tool] = (await rw.client.listTools()).tools;
    assert.equal(tool?.annotations?.destructiveHint, true);
    assert.equal(tool?.annotations?.readOnlyHint, false);
    assert.ok(tool?.inputSchema.properties?.confirm_token);
    assert.ok(tool?.outputSchema?.properties?.status);
  } finally {
    await rw.close();
  }
});
