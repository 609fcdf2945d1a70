import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeLogStream, LogFrameDecoder } from "../../../../../mcp/clients/runtime/frames.ts";
import { splitTimestamp } from "../../../../../mcp/clients/runtime/log_follower.ts";

function frame(stream: 1 | 2, text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + payload.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, payload.length);
  out.set(payload, 8);
  return out;
}

Deno.test("LogFrameDecoder gives the same lines however the bytes are cut into chunks", () => {
  const line = fc.string({ unit: fc.constantFrom("a", "€", " ", "\r", "é", "z") });
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.constantFrom(1 as const, 2 as const), line), { maxLength: 8 }),
    fc.array(fc.integer({ min: 1, max: 13 }), { minLength: 1, maxLength: 20 }),
    fc.boolean(),
    (frames, cuts, raw) => {
      const bytes = raw
        ? new TextEncoder().encode(frames.map(([, t]) => `${t}\n`).join(""))
        : concat(frames.map(([s, t]) => frame(s, `${t}\n`)));
      const whole = decodeLogStream(bytes);
      const d = new LogFrameDecoder();
      const got = [];
      let at = 0;
      for (let i = 0; at < bytes.length; i++) {
        const n = cuts[i % cuts.length] ?? 1;
        got.push(...d.push(bytes.subarray(at, at + n)));
        at += n;
      }
      got.push(...d.end());
      assert.deepEqual(got, whole);
    },
  ));
});

Deno.test("LogFrameDecoder cuts a line longer than maxLineChars, even one that never ends", () => {
  const d = new LogFrameDecoder({ maxLineChars: 10 });
  const lines = d.push(frame(1, "x".repeat(25)));
  assert.deepEqual(lines, [{ stream: "stdout", text: `${"x".repeat(10)}…` }]);
  assert.deepEqual(d.push(frame(1, "ok\n")), [{ stream: "stdout", text: "ok" }]);
});

Deno.test("splitTimestamp() takes the runtime's RFC 3339 prefix off the text", () => {
  assert.deepEqual(splitTimestamp({ stream: "stderr", text: "2026-12-02T07:00:00.123456789Z boom x" }), {
    stream: "stderr",
    time: "2026-12-02T07:00:00.123456789Z",
    text: "boom x",
  });
  assert.deepEqual(splitTimestamp({ stream: "stdout", text: "no time" }), {
    stream: "stdout",
    text: "no time",
    time: null,
  });
});

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), at += p.length);
  return out;
}
