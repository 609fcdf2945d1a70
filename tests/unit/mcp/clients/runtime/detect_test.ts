import assert from "node:assert/strict";
import { detectRuntimeKind } from "../../../../../mcp/clients/runtime/detect.ts";

const answering = (headers: Record<string, string>, status = 200) => (input: string | URL | Request) => {
  assert.equal(new URL(input instanceof Request ? input.url : input).pathname, "/_ping");
  return Promise.resolve(new Response("OK", { status, headers }));
};

Deno.test("detectRuntimeKind() tells Podman from Docker by /_ping's Libpod-Api-Version header", async () => {
  assert.deepEqual(
    await detectRuntimeKind(answering({ "Libpod-Api-Version": "4.3.1", "Api-Version": "1.41" })),
    {
      ok: true,
      value: "podman",
    },
  );
  assert.deepEqual(await detectRuntimeKind(answering({ "Api-Version": "1.46" })), {
    ok: true,
    value: "docker",
  });
});

Deno.test("detectRuntimeKind() reports an HTTP error from /_ping", async () => {
  assert.deepEqual(await detectRuntimeKind(answering({}, 500)), {
    ok: false,
    error: "Cannot detect the runtime: /_ping answered HTTP 500",
  });
});
