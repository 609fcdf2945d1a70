import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeLogStream, filterLogLines } from "../../../../../mcp/clients/runtime/frames.ts";

function frame(stream: 1 | 2, text: string | Uint8Array): Uint8Array {
  const payload = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const out = new Uint8Array(8 + payload.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, payload.length);
  out.set(payload, 8);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), at += p.length);
  return out;
}

Deno.test("decodeLogStream() splits multiplexed frames into stdout and stderr lines", () => {
  const bytes = concat(frame(1, "line 4\n"), frame(2, "err 4\n"), frame(1, "line 5\r\n"));
  assert.deepEqual(decodeLogStream(bytes), [
    { stream: "stdout", text: "line 4" },
    { stream: "stderr", text: "err 4" },
    { stream: "stdout", text: "line 5" },
  ]);
});

Deno.test("decodeLogStream() joins a line split across frames and a UTF-8 character split across frames", () => {
  const euro = new TextEncoder().encode("€"); // 3 bytes
  const bytes = concat(
    frame(1, "pri"),
    frame(1, concat(new TextEncoder().encode("ce 5"), euro.subarray(0, 1))),
    frame(1, concat(euro.subarray(1), new TextEncoder().encode("\nnext"))),
  );
  assert.deepEqual(decodeLogStream(bytes), [
    { stream: "stdout", text: "price 5€" },
    { stream: "stdout", text: "next" },
  ]);
});

Deno.test("decodeLogStream() reads a TTY container's raw text as stdout and tolerates a truncated frame", () => {
  assert.deepEqual(decodeLogStream(new TextEncoder().encode("a\nb\n")), [
    { stream: "stdout", text: "a" },
    { stream: "stdout", text: "b" },
  ]);
  const cut = frame(2, "partial line\n").subarray(0, 12);
  assert.deepEqual(decodeLogStream(cut), [{ stream: "stderr", text: "part" }]);
  assert.deepEqual(decodeLogStream(new Uint8Array()), []);
});

Deno.test("decodeLogStream() round-trips any lines on either stream", () => {
  const line = fc.string({ unit: "grapheme" }).filter((s) => !s.includes("\n") && !s.includes("\r"));
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom(1 as const, 2 as const), line), { maxLength: 30 }),
      (lines) => {
        const bytes = concat(...lines.map(([s, t]) => frame(s, `${t}\n`)));
        const expected = lines.length === 0 || bytes.length < 8
          ? []
          : lines.map(([s, t]) => ({ stream: s === 2 ? "stderr" : "stdout", text: t }));
        assert.deepEqual(decodeLogStream(bytes), expected);
      },
    ),
  );
});

Deno.test("filterLogLines() greps case-insensitively before taking the tail", () => {
  const lines = ["ok 1", "ERROR a", "ok 2", "error b", "ok 3"].map((text) => ({
    stream: "stdout" as const,
    text,
  }));
  assert.deepEqual(filterLogLines(lines, { grep: "error", tail: 1 }).map((l) => l.text), ["error b"]);
  assert.deepEqual(filterLogLines(lines, { tail: 2 }).map((l) => l.text), ["error b", "ok 3"]);
  assert.equal(filterLogLines(lines, {}).length, 5);
});
