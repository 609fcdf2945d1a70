import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeBase64,
  decodeBase64Url,
  encodeBase64,
  encodeBase64Url,
  sha256Hex,
} from "../../../shared/encoding.ts";

Deno.test("sha256Hex() gives the lower-case hex digest of text (as UTF-8) and of bytes", () => {
  assert.equal(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert.equal(sha256Hex("é"), sha256Hex(new TextEncoder().encode("é")));
  assert.equal(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

Deno.test("encodeBase64Url() uses - and _ and no padding; encodeBase64() the standard alphabet with padding", () => {
  const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x01]);
  assert.equal(encodeBase64Url(bytes), "-_-_AQ");
  assert.equal(encodeBase64(bytes), "+/+/AQ==");
});

Deno.test("decodeBase64Url() and decodeBase64() undo their encoders (property)", () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
    assert.deepEqual(decodeBase64Url(encodeBase64Url(bytes)), bytes);
    assert.deepEqual(decodeBase64(encodeBase64(bytes)), bytes);
  }));
});

Deno.test("decodeBase64Url() and decodeBase64() throw on characters outside their alphabet", () => {
  assert.throws(() => decodeBase64Url("ab+c"));
  assert.throws(() => decodeBase64("ab-c"));
  assert.throws(() => decodeBase64("a$"));
});
