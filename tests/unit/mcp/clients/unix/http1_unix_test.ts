import assert from "node:assert/strict";
import { dechunk, parseResponse, unixHttpFetch } from "../../../../../mcp/clients/unix/http1_unix.ts";

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("parseResponse() reads status, headers and a chunked body", async () => {
  const res = parseResponse(
    enc(
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{"a"\r\n3\r\n:1}\r\n0\r\n\r\n',
    ),
  );
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/json");
  assert.deepEqual(await res.json(), { a: 1 });
});

Deno.test("parseResponse() honours Content-Length, gives 204/304 no body and rejects garbage", async () => {
  const res = parseResponse(enc("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}extra"));
  assert.equal(res.status, 404);
  assert.equal(await res.text(), "{}");
  assert.equal(parseResponse(enc("HTTP/1.1 304 Not Modified\r\n\r\n")).body, null);
  assert.throws(() => parseResponse(enc("SSH-2.0-OpenSSH\r\n\r\n")), /Malformed HTTP status line/);
  assert.throws(() => parseResponse(enc("HTTP/1.1 200 OK\r\n")), /no end of headers/);
});

Deno.test("dechunk() keeps what arrived of a truncated body", () => {
  assert.equal(new TextDecoder().decode(dechunk(enc("5\r\nhello\r\n5\r\nwor"))), "hellowor");
});

Deno.test("unixHttpFetch() sends origin-form targets with the query string to a real Unix-socket server", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/s.sock`;
  const server = Deno.serve({ path, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    return Response.json({
      method: req.method,
      path: url.pathname,
      q: url.searchParams.get("timeout"),
      body: await req.text(),
    });
  });
  try {
    const f = unixHttpFetch(path);
    const res = await f("http://runtime/v4.0.0/libpod/containers/x/stop?timeout=1", {
      method: "POST",
      body: "hi",
    });
    assert.deepEqual(await res.json(), {
      method: "POST",
      path: "/v4.0.0/libpod/containers/x/stop",
      q: "1",
      body: "hi",
    });
    const ctl = new AbortController();
    ctl.abort();
    await assert.rejects(f("http://runtime/x", { signal: ctl.signal }));
    await assert.rejects(unixHttpFetch(`${dir}/missing.sock`)("http://runtime/x"), Deno.errors.NotFound);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
