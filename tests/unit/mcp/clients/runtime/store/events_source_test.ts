import assert from "node:assert/strict";
import { eventsPath, runtimeEventSource } from "../../../../../../mcp/clients/runtime/store/events_source.ts";
import { unixStreamFetch } from "../../../../../../mcp/clients/unix/http1_stream.ts";
import { manualTime } from "./_manual_time.ts";

Deno.test("eventsPath() streams container events from libpod, and from /events on Docker", () => {
  const filters = encodeURIComponent('{"type":["container"]}');
  assert.equal(eventsPath("podman"), `/v4.0.0/libpod/events?filters=${filters}&stream=true`);
  assert.equal(eventsPath("docker"), `/v1.41/events?filters=${filters}`);
});

Deno.test("runtimeEventSource().open() explains an HTTP error, a missing socket and headers that never come", async () => {
  const dir = await Deno.makeTempDir();
  const httpPath = `${dir}/http.sock`;
  const server = Deno.serve(
    { path: httpPath, onListen: () => {} },
    () => new Response("events are disabled", { status: 500 }),
  );
  const silentPath = `${dir}/silent.sock`;
  const silent = Deno.listen({ transport: "unix", path: silentPath });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of silent) held.push(conn);
  })();
  try {
    const signal = new AbortController().signal;
    const failing = runtimeEventSource({
      fetch: unixStreamFetch(httpPath),
      socket: httpPath,
      kind: "podman",
    });
    assert.deepEqual(await failing.open(signal), {
      ok: false,
      error: { kind: "http", status: 500, message: "Cannot follow runtime events: events are disabled" },
    });
    const missing = `${dir}/missing.sock`;
    const gone = await runtimeEventSource({ fetch: unixStreamFetch(missing), socket: missing }).open(signal);
    assert.equal(!gone.ok && gone.error.kind, "unreachable");
    assert.match(
      !gone.ok ? gone.error.message : "",
      /^Cannot follow runtime events: the podman API at .*missing\.sock is unreachable \(/,
    );

    const time = manualTime();
    const quiet = runtimeEventSource({
      fetch: unixStreamFetch(silentPath),
      socket: silentPath,
      kind: "podman",
      timers: time.timers,
      openTimeoutMs: 10_000,
    });
    const opening = quiet.open(signal);
    await time.advance(10_000);
    assert.deepEqual(await opening, {
      ok: false,
      error: {
        kind: "timeout",
        message: "Cannot follow runtime events: the podman API did not answer in time",
      },
    });
  } finally {
    silent.close();
    for (const c of held) c.close();
    await accepting.catch(() => {});
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runtimeEventSource() without a kind falls back to Docker's /events when libpod's path is 404", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/docker.sock`;
  const seen: string[] = [];
  const server = Deno.serve({ path, onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    seen.push(url.pathname);
    if (url.pathname !== "/v1.41/events") return new Response("page not found", { status: 404 });
    return new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("{}\n")) }));
  });
  try {
    const ctl = new AbortController();
    const source = runtimeEventSource({ fetch: unixStreamFetch(path), socket: path });
    const first = await source.open(ctl.signal);
    assert.ok(first.ok);
    const reader = first.value.getReader();
    assert.equal(new TextDecoder().decode((await reader.read()).value), "{}\n");
    ctl.abort();
    const again = new AbortController();
    assert.equal((await source.open(again.signal)).ok, true);
    again.abort();
    assert.deepEqual(seen, ["/v4.0.0/libpod/events", "/v1.41/events", "/v1.41/events"]);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
