/** The budget for tools/list, and one way to read it off an app as a client would (2025 revision, JSON). */
import assert from "node:assert/strict";
import type { Hono } from "hono";

/** What Claude loads before the first message: tools/list on the wire stays under 60 KB; the aim is well below. */
export const MAX_TOOLS_LIST_BYTES = 61_440;

/** The tool names and the size in bytes of the `tools/list` result `app` serves to a client sending `key`. */
export async function toolsListOf(
  app: Hono,
  options: { key: string; host: string },
): Promise<{ names: string[]; bytes: number }> {
  const res = await app.request("/mcp", {
    method: "POST",
    headers: {
      host: options.host,
      authorization: `Bearer ${options.key}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2025-06-18",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
  });
  assert.equal(res.status, 200);
  const body = await res.json() as { result: { tools: Array<{ name: string }> } };
  return {
    names: body.result.tools.map((t) => t.name),
    bytes: new TextEncoder().encode(JSON.stringify(body.result)).length,
  };
}
