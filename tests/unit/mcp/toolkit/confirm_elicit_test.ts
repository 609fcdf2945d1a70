/**
 * Confirmation by a person (protocol 2026-07-28 elicitation) through the real app and the v2 SDK client:
 * the dialog, approve/deny, and every way a retry can be wrong. The app is served without a port.
 */
import assert from "node:assert/strict";
import type { McpServer } from "@modelcontextprotocol/server";
import type { ElicitRequest } from "@modelcontextprotocol/client";
import { z } from "zod";
import { createApp } from "../../../../mcp/server/app.ts";
import type { ConfirmMode } from "../../../../mcp/core/config.ts";
import { defineConfirmedTool } from "../../../../mcp/toolkit/confirm_tool.ts";
import type { ToolDeps } from "../../../../mcp/toolkit/deps.ts";
import { failureOf } from "../../../../mcp/toolkit/tool_result.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";
import { connectModern, rawCall } from "../_support/modern_client.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";

const KEY = "elicit-test-key-0123456789abcdef";

/** A destructive tool over an in-memory set of files; `executed` counts real deletions. */
function world() {
  const files = new Map([["a.txt", "hello"]]);
  const state = { executed: 0 };
  const family = (server: McpServer, deps: ToolDeps) =>
    defineConfirmedTool(server, deps, {
      name: "demo_delete",
      title: "Delete demo file",
      description: "Deletes a demo file.",
      input: { path: z.string().describe("File to delete") },
      output: { deleted: z.string() },
      idempotent: true,
      plan: ({ path }: { path: string }) => {
        const content = files.get(path);
        return Promise.resolve(
          content === undefined
            ? { ok: false as const, error: { kind: "not_found", message: `No file "${path}"` } }
            : {
              ok: true as const,
              value: {
                operation: { path, content },
                summary: `Delete "${path}"`,
                details: { bytes: content.length, path },
                needsConfirmation: true,
              },
            },
        );
      },
      execute: (op: { path: string }) => {
        state.executed++;
        files.delete(op.path);
        return Promise.resolve({ ok: true as const, value: { deleted: op.path } });
      },
    });
  return { files, state, family };
}

function serve(confirm: ConfirmMode = "auto") {
  const w = world();
  const deps = testDeps({ config: testConfig({ apiKey: KEY, confirm }) });
  const app = createApp(deps, { apiKey: KEY, families: [w.family], logError: () => {} });
  return { ...w, deps, fetch: (req: Request) => app.fetch(req) };
}

const approve = () => ({ action: "accept" as const, content: { decision: "approve" } });
const errorKind = (r: unknown) => failureOf(r as never)?.kind;

Deno.test("a 2026-07-28 client with elicitation: the person sees the preview, approves, it runs once", async () => {
  const s = serve();
  const asked: ElicitRequest["params"][] = [];
  const client = await connectModern(s.fetch, {
    key: KEY,
    elicit: (params) => (asked.push(params), approve()),
  });
  try {
    const result = await client.callTool({ name: "demo_delete", arguments: { path: "a.txt" } });
    assert.equal(result.isError, undefined);
    assert.deepEqual(result.structuredContent, { status: "done", result: { deleted: "a.txt" } });
    assert.equal(s.state.executed, 1);
    assert.equal(s.files.has("a.txt"), false);
    assert.equal(asked.length, 1);
    const message = asked[0]!.message;
    assert.match(message, /Delete "a\.txt"/);
    assert.match(message, /bytes: 5/);
    const entries = s.deps.audit.recent(10);
    assert.deepEqual(entries.map((e) => [e.phase, e.confirmedBy]), [
      ["succeeded", "elicitation"],
      ["attempted", "elicitation"],
    ]);
  } finally {
    await client.close();
  }
});

Deno.test("a declined dialog or a deny answer executes nothing", async (t) => {
  for (
    const [name, answer] of [
      ["decline", { action: "decline" as const }],
      ["cancel", { action: "cancel" as const }],
      ["deny", { action: "accept" as const, content: { decision: "deny" } }],
    ] as const
  ) {
    await t.step(name, async () => {
      const s = serve();
      const client = await connectModern(s.fetch, { key: KEY, elicit: () => answer });
      try {
        const result = await client.callTool({ name: "demo_delete", arguments: { path: "a.txt" } });
        assert.equal(errorKind(result), "confirm_declined");
        assert.equal(s.state.executed, 0);
        assert.equal(s.files.has("a.txt"), true);
        assert.deepEqual(s.deps.audit.recent(5).map((e) => [e.phase, e.confirmedBy]), [
          ["failed", "elicitation"],
          ["attempted", "elicitation"],
        ]);
      } finally {
        await client.close();
      }
    });
  }
});

/** Round one by hand: the input_required result and its state. */
async function firstRound(s: ReturnType<typeof serve>) {
  const first = await rawCall(s.fetch, KEY, { name: "demo_delete", arguments: { path: "a.txt" } });
  assert.equal(first.resultType, "input_required");
  assert.equal(typeof first.requestState, "string");
  assert.equal(first.inputRequests.confirm.method, "elicitation/create");
  return first.requestState as string;
}

const retry = (s: ReturnType<typeof serve>, requestState: string, args = { path: "a.txt" }) =>
  rawCall(s.fetch, KEY, {
    name: "demo_delete",
    arguments: args,
    inputResponses: { confirm: approve() },
    requestState,
  });

Deno.test("a forged, replayed, expired or changed-operation requestState is refused", async (t) => {
  await t.step("forged", async () => {
    const s = serve();
    const state = await firstRound(s);
    const forged = state.slice(0, -4) + (state.endsWith("AAAA") ? "BBBB" : "AAAA");
    assert.equal(errorKind(await retry(s, forged)), "confirm_mismatch");
    assert.equal(errorKind(await retry(s, "not-a-state")), "confirm_malformed");
    assert.equal(s.state.executed, 0);
  });
  await t.step("replayed", async () => {
    const s = serve();
    const state = await firstRound(s);
    assert.equal((await retry(s, state)).structuredContent.status, "done");
    s.files.set("a.txt", "hello");
    assert.equal(errorKind(await retry(s, state)), "confirm_used");
    assert.equal(s.state.executed, 1);
  });
  await t.step("expired", async () => {
    const s = serve();
    const state = await firstRound(s);
    s.deps.clock.advance(5 * 60 * 1000 + 1);
    assert.equal(errorKind(await retry(s, state)), "confirm_expired");
    assert.equal(s.state.executed, 0);
  });
  await t.step("changed operation: the file changed, or other arguments", async () => {
    const s = serve();
    const state = await firstRound(s);
    s.files.set("a.txt", "changed since the dialog");
    assert.equal(errorKind(await retry(s, state)), "confirm_mismatch");
    s.files.set("b.txt", "hello");
    const other = await firstRound(s);
    assert.equal(errorKind(await retry(s, other, { path: "b.txt" })), "confirm_mismatch");
    assert.equal(s.state.executed, 0);
  });
  await t.step("a requestState is no confirm_token, and a confirm_token no requestState", async () => {
    const s = serve();
    const state = await firstRound(s);
    const asToken = await rawCall(s.fetch, KEY, {
      name: "demo_delete",
      arguments: { path: "a.txt", confirm_token: state },
      capabilities: {},
    });
    assert.equal(errorKind(asToken), "confirm_mismatch");
    const preview = await rawCall(s.fetch, KEY, {
      name: "demo_delete",
      arguments: { path: "a.txt" },
      capabilities: {},
    });
    assert.equal(preview.structuredContent.status, "confirmation_required");
    assert.equal(errorKind(await retry(s, preview.structuredContent.confirm_token)), "confirm_mismatch");
    assert.equal(s.state.executed, 0);
  });
});

Deno.test("clients without elicitation keep the confirm_token flow (ARR_CONFIRM=auto)", async () => {
  const s = serve();
  const client = await connectModern(s.fetch, { key: KEY });
  try {
    const preview = await client.callTool({ name: "demo_delete", arguments: { path: "a.txt" } });
    const p = preview.structuredContent as { status: string; confirm_token: string };
    assert.equal(p.status, "confirmation_required");
    const done = await client.callTool({
      name: "demo_delete",
      arguments: { path: "a.txt", confirm_token: p.confirm_token },
    });
    assert.equal((done.structuredContent as { status: string }).status, "done");
    assert.equal(s.state.executed, 1);
    assert.deepEqual(s.deps.audit.recent(2).map((e) => e.confirmedBy), ["token", "token"]);
  } finally {
    await client.close();
  }
});

Deno.test("ARR_CONFIRM=token: even a client that can elicit gets a confirm_token", async () => {
  const s = serve("token");
  let asked = 0;
  const client = await connectModern(s.fetch, { key: KEY, elicit: () => (asked++, approve()) });
  try {
    const preview = await client.callTool({ name: "demo_delete", arguments: { path: "a.txt" } });
    assert.equal((preview.structuredContent as { status: string }).status, "confirmation_required");
    assert.equal(asked, 0);
    assert.equal(s.state.executed, 0);
  } finally {
    await client.close();
  }
});

Deno.test("ARR_CONFIRM=elicit: a client that cannot elicit gets a clear error, and no token", async (t) => {
  await t.step("2026-07-28 without the capability", async () => {
    const s = serve("elicit");
    const client = await connectModern(s.fetch, { key: KEY });
    try {
      const result = await client.callTool({ name: "demo_delete", arguments: { path: "a.txt" } });
      assert.equal(errorKind(result), "confirm_unavailable");
      assert.match(failureOf(result as never)!.message, /ARR_CONFIRM=elicit/);
      assert.equal(s.state.executed, 0);
    } finally {
      await client.close();
    }
  });
  await t.step("a 2025 client (in memory)", async () => {
    const w = world();
    const deps = testDeps({ config: testConfig({ confirm: "elicit" }) });
    await using mcp = await connectInMemory(deps, [w.family]);
    const result = await mcp.client.callTool({ name: "demo_delete", arguments: { path: "a.txt" } });
    assert.equal(failureOf(result as never)?.kind, "confirm_unavailable");
    const withToken = await mcp.client.callTool({
      name: "demo_delete",
      arguments: { path: "a.txt", confirm_token: "v1.x.y.z" },
    });
    assert.equal(failureOf(withToken as never)?.kind, "confirm_unavailable");
    assert.equal(w.state.executed, 0);
  });
  await t.step("and a client that can elicit still works", async () => {
    const s = serve("elicit");
    const client = await connectModern(s.fetch, { key: KEY, elicit: approve });
    try {
      await client.callTool({ name: "demo_delete", arguments: { path: "a.txt" } });
      assert.equal(s.state.executed, 1);
    } finally {
      await client.close();
    }
  });
});
