import assert from "node:assert/strict";
import { createHttpRuntime } from "../../../../../mcp/clients/runtime/http_runtime.ts";
import { unixSocketFetch } from "../../../../../mcp/clients/unix/unix_fetch.ts";

/** A real Unix-socket server answering like Podman does in its failure cases. */
async function fakePodman() {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/podman.sock`;
  const server = Deno.serve({ path, onListen: () => {} }, async (req) => {
    const p = new URL(req.url).pathname;
    if (p.endsWith("/containers/missing/json")) {
      return Response.json({
        cause: "no such container",
        message: 'no container with name or ID "missing"',
        response: 404,
      }, { status: 404 });
    }
    if (p.endsWith("/containers/busy")) {
      return Response.json({ cause: "container is running", response: 409 }, { status: 409 });
    }
    if (p.endsWith("/containers/json")) {
      return new Response("not json", { headers: { "content-type": "application/json" } });
    }
    if (p.endsWith("/containers/slow/json")) {
      await new Promise((r) => setTimeout(r, 500));
      return Response.json({});
    }
    if (p.endsWith("/containers/stats")) return Response.json({ Error: null, Stats: [] });
    return new Response("boom", { status: 500 });
  });
  return { path, close: async () => (await server.shutdown(), await Deno.remove(dir, { recursive: true })) };
}

Deno.test("createHttpRuntime() turns API failures into structured errors, never exceptions", async () => {
  const srv = await fakePodman();
  try {
    const rt = createHttpRuntime({
      kind: "podman",
      fetch: unixSocketFetch(srv.path).fetch,
      socket: srv.path,
      timeoutMs: 100,
    });
    assert.deepEqual(await rt.inspect("missing"), {
      ok: false,
      error: {
        kind: "not_found",
        status: 404,
        message: 'Cannot inspect container "missing": no such container',
      },
    });
    const busy = await rt.remove("busy");
    assert.equal(!busy.ok && busy.error.kind, "conflict");
    const bad = await rt.list();
    assert.equal(!bad.ok && bad.error.kind, "decode");
    const slow = await rt.inspect("slow");
    assert.equal(!slow.ok && slow.error.kind, "timeout");
    const broken = await rt.start("x");
    assert.deepEqual(broken, {
      ok: false,
      error: { kind: "http", status: 500, message: 'Cannot start container "x": boom' },
    });
    const stopped = await rt.stats("x");
    assert.equal(!stopped.ok && stopped.error.kind, "conflict");
  } finally {
    await srv.close();
  }
  const gone = createHttpRuntime({
    kind: "docker",
    fetch: unixSocketFetch("/nonexistent/docker.sock").fetch,
    socket: "/nonexistent/docker.sock",
  });
  const r = await gone.list();
  assert.equal(!r.ok && r.error.kind, "unreachable");
  assert.match(!r.ok ? r.error.message : "", /docker API at \/nonexistent\/docker\.sock is unreachable/);
});
