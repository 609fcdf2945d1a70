import assert from "node:assert/strict";
import fc from "fast-check";
import { completeUtf8Length, looksBinary } from "../../../../mcp/fs/binary.ts";

const enc = new TextEncoder();

Deno.test("looksBinary() is false for UTF-8 text including multi-byte characters", () => {
  assert.equal(looksBinary(enc.encode("héllo wörld ✓ 🎬\n")), false);
});

Deno.test("looksBinary() is true for a NUL byte or invalid UTF-8", () => {
  assert.equal(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00])), true);
  assert.equal(looksBinary(new Uint8Array([0x41, 0xff, 0xfe, 0x41])), true);
});

Deno.test("looksBinary() ignores a multi-byte character cut at the end of the sniffed sample", () => {
  const text = enc.encode("a".repeat(8191) + "€" + "b".repeat(10));
  assert.equal(looksBinary(text), false);
});

Deno.test("completeUtf8Length() never cuts a character in half (property)", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 50 }), fc.nat(), (s, n) => {
      const bytes = enc.encode(s);
      const cut = bytes.subarray(0, n % (bytes.length + 1));
      const len = completeUtf8Length(cut);
      assert.ok(len <= cut.length && len >= cut.length - 3);
      assert.doesNotThrow(() => new TextDecoder("utf-8", { fatal: true }).decode(cut.subarray(0, len)));
    }),
  );
});
