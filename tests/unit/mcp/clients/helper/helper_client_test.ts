import assert from "node:assert/strict";
import { createHelperClient } from "../../../../../mcp/clients/helper/helper_client.ts";
import { socketExists, unixSocketFetch } from "../../../../../mcp/clients/unix/unix_fetch.ts";

/** A tiny real helper-protocol server on a Unix socket: ops "echo" (ok), "fail" (ran, failed), else 400. */
async function protocolServer() {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/helper.sock`;
  const seen: unknown[] = [];
  const server = Deno.serve({ path, onListen: () => {} }, async (req) => {
    if (req.method !== "POST" || new URL(req.url).pathname !== "/command") {
      return new Response("", { status: 404 });
    }
    const body = await req.json();
    seen.push(body);
    if (body.op === "stack_up") {
      return Response.json({ ok: true, output: `up ${body.args.stack}`, exit_code: 0 });
    }
    if (body.op === "stack_down") return Response.json({ ok: false, output: "boom", exit_code: 3 });
    if (body.op === "info") return new Response("not json", { status: 200 });
    if (body.op === "stack_pull") return new Response("", { status: 500 });
    return Response.json({ ok: false, error: `Unknown op "${body.op}"`, exit_code: 1 }, { status: 400 });
  });
  return {
    path,
    dir,
    seen,
    close: async () => (await server.shutdown(), await Deno.remove(dir, { recursive: true })),
  };
}

Deno.test("createHelperClient() speaks POST /command to a real Unix-socket server", async () => {
  const srv = await protocolServer();
  try {
    const helper = createHelperClient({
      socket: srv.path,
      fetch: unixSocketFetch(srv.path).fetch,
      socketExists,
    });
    assert.deepEqual(await helper.call("stack_up", { stack: "media" }), {
      ok: true,
      value: { ok: true, output: "up media", exit_code: 0 },
    });
    assert.deepEqual(srv.seen[0], { op: "stack_up", args: { stack: "media" } });
    assert.deepEqual(await helper.call("stack_down", { stack: "media" }), {
      ok: true,
      value: { ok: false, output: "boom", exit_code: 3 },
    });
    const rejected = await helper.call("systemd_start", { unit: "x" });
    assert.deepEqual(rejected, {
      ok: false,
      error: {
        kind: "rejected",
        status: 400,
        message: 'arr-helper refused "systemd_start": Unknown op "systemd_start"',
      },
    });
    const garbled = await helper.call("info", {});
    assert.equal(!garbled.ok && garbled.error.kind, "decode");
    const broken = await helper.call("stack_pull", { stack: "media" });
    assert.equal(!broken.ok && broken.error.kind, "decode");
  } finally {
    await srv.close();
  }
});

Deno.test("createHelperClient() without a socket says how to set the helper up", async () => {
  const helper = createHelperClient({
    socket: "/nonexistent/arr-helper.sock",
    fetch: () => Promise.reject(new Error("must not be called")),
    socketExists,
  });
  const r = await helper.call("stack_up", { stack: "media" });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.kind, "unavailable");
  assert.match(
    !r.ok ? r.error.message : "",
    /no socket at \/nonexistent\/arr-helper\.sock.*"arr-helper setup" section of the README/,
  );
});

Deno.test("createHelperClient() maps a refused connection to unreachable and a silent helper to timeout", async () => {
  const refused = createHelperClient({
    socket: "/run/x.sock",
    fetch: () => Promise.reject(new Deno.errors.ConnectionRefused("connection refused")),
    socketExists: () => Promise.resolve(true),
  });
  const r = await refused.call("info", {});
  assert.equal(!r.ok && r.error.kind, "unreachable");
  assert.match(!r.ok ? r.error.message : "", /Cannot reach arr-helper at \/run\/x\.sock: connection refused/);
  const silent = createHelperClient({
    socket: "/run/x.sock",
    fetch: (_i, init) =>
      new Promise((_res, rej) => init?.signal?.addEventListener("abort", () => rej(init.signal?.reason))),
    socketExists: () => Promise.resolve(true),
    timeoutMs: 20,
  });
  const t = await silent.call("info", {});
  assert.equal(!t.ok && t.error.kind, "timeout");
});
