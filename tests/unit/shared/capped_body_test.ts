import assert from "node:assert/strict";
import { BodyTooLargeError, concatChunks, readCappedBytes } from "../../../shared/capped_body.ts";

function streamOf(...parts: string[]): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let cancelled = false;
  const enc = new TextEncoder();
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (i < parts.length) c.enqueue(enc.encode(parts[i++]));
      else c.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

Deno.test("readCappedBytes() returns every byte of a body within the limit", async () => {
  const { stream } = streamOf("ab", "cd", "e");
  assert.equal(new TextDecoder().decode(await readCappedBytes(stream, null, 5)), "abcde");
  assert.equal((await readCappedBytes(null, null, 5)).byteLength, 0);
});

Deno.test("readCappedBytes() stops and cancels the stream once the body passes the limit", async () => {
  const s = streamOf("abc", "def", "never read");
  await assert.rejects(
    readCappedBytes(s.stream, null, 5),
    (e) => e instanceof BodyTooLargeError && e.limit === 5,
  );
  assert.ok(s.cancelled());
});

Deno.test("readCappedBytes() refuses a declared length over the limit without reading", async () => {
  const s = streamOf("x");
  await assert.rejects(readCappedBytes(s.stream, "6", 5), BodyTooLargeError);
  assert.ok(s.cancelled());
  const garbage = streamOf("ok");
  assert.equal((await readCappedBytes(garbage.stream, "not a number", 5)).byteLength, 2);
});

Deno.test("concatChunks() joins chunks in order", () => {
  const out = concatChunks([new Uint8Array([1, 2]), new Uint8Array([]), new Uint8Array([3])]);
  assert.deepEqual([...out], [1, 2, 3]);
});
