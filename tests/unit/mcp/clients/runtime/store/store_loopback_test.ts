/**
 * The store wired as in production (runtimeEventSource over unixStreamFetch, the HTTP runtime over
 * unixSocketFetch) against a real Unix-socket server that imitates libpod: junk on the stream, a dropped
 * stream, and a request log proving readers make no requests.
 */
import assert from "node:assert/strict";
import { createHttpRuntime } from "../../../../../../mcp/clients/runtime/http_runtime.ts";
import { runtimeEventSource } from "../../../../../../mcp/clients/runtime/store/events_source.ts";
import { createStateStore } from "../../../../../../mcp/clients/runtime/store/state_store.ts";
import { unixStreamFetch } from "../../../../../../mcp/clients/unix/http1_stream.ts";
import { unixSocketFetch } from "../../../../../../mcp/clients/unix/unix_fetch.ts";
import { podmanEvent } from "./_fake_events.ts";

interface Fake {
  id: string;
  name: string;
  state: string;
}

async function fakeLibpod(containers: Fake[]) {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/podman.sock`;
  const requests: string[] = [];
  const streams: Array<ReadableStreamDefaultController<Uint8Array>> = [];
  const server = Deno.serve({ path, onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    requests.push(`${url.pathname}${url.search}`);
    if (url.pathname === "/_ping") return new Response("OK", { headers: { "Libpod-Api-Version": "4.3.1" } });
    if (url.pathname === "/v4.0.0/libpod/events") {
      return new Response(new ReadableStream({ start: (c) => void streams.push(c) }));
    }
    if (url.pathname === "/v4.0.0/libpod/containers/json") {
      const ids = JSON.parse(url.searchParams.get("filters") ?? "{}").id as string[] | undefined;
      return Response.json(
        containers.filter((c) => ids === undefined || ids.includes(c.id)).map((c) => ({
          Id: c.id,
          Names: [c.name],
          Image: "localhost/busybox:test",
          State: c.state,
          Status: "",
          Created: "2026-11-22T04:00:00Z",
          Labels: null,
          Ports: null,
        })),
      );
    }
    const m = /^\/v4\.0\.0\/libpod\/containers\/([^/]+)\/json$/.exec(url.pathname);
    const c = m && containers.find((x) => x.id === m[1] || x.name === m[1]);
    if (c) {
      return Response.json({
        Id: c.id,
        Name: c.name,
        State: { Status: c.state, Running: c.state === "running" },
      });
    }
    return Response.json({ cause: "no such container" }, { status: 404 });
  });
  return {
    path,
    requests,
    send: (line: string) => streams.at(-1)?.enqueue(new TextEncoder().encode(line)),
    drop: () => streams.at(-1)?.close(),
    get streams() {
      return streams.length;
    },
    close: async () => {
      for (const s of streams) {
        try {
          s.close();
        } catch { /* already closed */ }
      }
      await server.shutdown();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("the store over a real socket: junk lines are skipped, a dropped stream is re-listed, reads cost no request", async () => {
  const web: Fake = { id: "a".repeat(64), name: "web", state: "running" };
  const containers = [web];
  const srv = await fakeLibpod(containers);
  const store = createStateStore({
    runtime: createHttpRuntime({ kind: "podman", fetch: unixSocketFetch(srv.path).fetch, socket: srv.path }),
    events: runtimeEventSource({ fetch: unixStreamFetch(srv.path), socket: srv.path }),
    clock: { now: () => Date.now() },
  });
  try {
    store.start();
    assert.equal((await store.list()).ok, true);
    assert.ok(
      srv.requests.includes(
        `/v4.0.0/libpod/events?filters=${encodeURIComponent('{"type":["container"]}')}&stream=true`,
      ),
      srv.requests.join("\n"),
    );
    const before = srv.requests.length;
    for (let i = 0; i < 200; i++) {
      await store.list();
      await store.get("web");
    }
    assert.equal(srv.requests.length, before, "readers make no request");

    srv.send('garbage\n{"half":');
    web.state = "exited";
    srv.send(`1}\n${JSON.stringify(podmanEvent("died", web.id, "web"))}\n`);
    assert.equal(await store.waitFor((v) => v.get("web")?.summary.state === "exited", 3000), true);
    assert.equal(store.status().junkLines, 1);

    containers.push({ id: "b".repeat(64), name: "late", state: "running" });
    srv.drop();
    assert.equal(await store.waitFor((v) => v.get("late") !== undefined, 3000), true);
    assert.equal(await store.waitFor(() => store.status().state === "live", 3000), true);
    assert.equal(srv.streams, 2);
    assert.equal(store.status().drops, 1);
  } finally {
    await store.stop();
    await srv.close();
  }
});
