import assert from "node:assert/strict";
import { ChunkedDecoder } from "../../../../../mcp/clients/unix/chunked_decoder.ts";
import { unixStreamFetch } from "../../../../../mcp/clients/unix/http1_stream.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (parts: Uint8Array[]) => parts.map((p) => new TextDecoder().decode(p)).join("");

Deno.test("ChunkedDecoder.push() decodes a body fed one byte at a time", () => {
  const d = new ChunkedDecoder();
  const wire = enc("5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n");
  const out: Uint8Array[] = [];
  for (let i = 0; i < wire.length; i++) out.push(...d.push(wire.subarray(i, i + 1)));
  assert.equal(dec(out), "hello, world");
  assert.equal(d.done, true);
});

Deno.test("ChunkedDecoder.push() hands out data before its chunk is complete, and rejects a bad size", () => {
  const d = new ChunkedDecoder();
  assert.equal(dec(d.push(enc("a\r\n01234"))), "01234");
  assert.equal(dec(d.push(enc("56789\r\n"))), "56789");
  assert.equal(d.done, false);
  assert.throws(
    () => new ChunkedDecoder().push(enc("zz\r\n")),
    /Malformed chunked body: bad chunk size "zz"/,
  );
});

/** A Unix-socket server whose streamed answers the test writes to. */
async function streamingServer() {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/s.sock`;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let cancelled = false;
  const server = Deno.serve({ path, onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/fixed") return new Response("fixed body", { headers: { "x-q": url.search } });
    if (url.pathname === "/missing") return new Response("no such thing", { status: 404 });
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
      cancel() {
        cancelled = true;
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  });
  return {
    path,
    write: (s: string) => controller?.enqueue(enc(s)),
    end: () => controller?.close(),
    get cancelled() {
      return cancelled;
    },
    close: async () => {
      await server.shutdown();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("unixStreamFetch() hands out each chunk of a streamed body as it arrives", async () => {
  const srv = await streamingServer();
  try {
    const f = unixStreamFetch(srv.path);
    const res = await f("http://runtime/events?stream=true");
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    srv.write('{"n":1}\n');
    assert.equal(new TextDecoder().decode((await reader.read()).value), '{"n":1}\n');
    srv.write('{"n":2}\n');
    assert.equal(new TextDecoder().decode((await reader.read()).value), '{"n":2}\n');
    srv.end();
    assert.equal((await reader.read()).done, true);
  } finally {
    await srv.close();
  }
});

Deno.test("unixStreamFetch() reads fixed bodies, error statuses, and closes on abort", async () => {
  const srv = await streamingServer();
  try {
    const f = unixStreamFetch(srv.path);
    const fixed = await f("http://runtime/fixed?a=1&b=2");
    assert.equal(await fixed.text(), "fixed body");
    assert.equal(fixed.headers.get("x-q"), "?a=1&b=2");
    const missing = await f("http://runtime/missing");
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), "no such thing");
    const ctl = new AbortController();
    const res = await f("http://runtime/events", { signal: ctl.signal });
    const reader = res.body!.getReader();
    const pending = reader.read();
    ctl.abort();
    await assert.rejects(pending);
    await assert.rejects(unixStreamFetch(`${srv.path}.missing`)("http://runtime/x"), Deno.errors.NotFound);
  } finally {
    srv.end();
    await srv.close();
  }
});
