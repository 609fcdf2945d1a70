import assert from "node:assert/strict";
import fc from "fast-check";
import { issueSession, SESSION_TTL_MS, verifySession } from "../../../../mcp/dashboard/session.ts";

const keys = { secret: new Uint8Array(32).fill(7), apiKey: "key-0123456789abcdef" };
const NOW = Date.UTC(2026, 10, 22, 4);

Deno.test("issueSession() gives a value verifySession() accepts until it expires", async () => {
  const s = issueSession(keys, NOW);
  assert.equal(s.expiresAt, NOW + SESSION_TTL_MS);
  assert.equal(await verifySession(keys, s.value, NOW), true);
  assert.equal(await verifySession(keys, s.value, s.expiresAt - 1), true);
  assert.equal(await verifySession(keys, s.value, s.expiresAt), false);
});

Deno.test("issueSession() puts neither the key nor the secret in the value", () => {
  const s = issueSession(keys, NOW);
  assert.equal(s.value.includes(keys.apiKey), false);
  assert.equal(s.value.includes(btoa(String.fromCharCode(...keys.secret)).slice(0, 20)), false);
});

Deno.test("verifySession() refuses a value signed under another secret or another API key", async () => {
  const s = issueSession(keys, NOW);
  assert.equal(await verifySession({ ...keys, secret: new Uint8Array(32).fill(8) }, s.value, NOW), false);
  assert.equal(await verifySession({ ...keys, apiKey: "key-rotated-0123456789" }, s.value, NOW), false);
});

Deno.test("verifySession() refuses tampered values", async (t) => {
  const s = issueSession(keys, NOW);
  const [v, exp, nonce, sig] = s.value.split(".") as [string, string, string, string];
  await t.step("a later expiry", async () => {
    const later = (parseInt(exp, 36) + 10 * SESSION_TTL_MS).toString(36);
    assert.equal(await verifySession(keys, [v, later, nonce, sig].join("."), NOW), false);
  });
  await t.step("another nonce", async () => {
    // A different first character (the nonce itself starts with "x" one time in 64).
    const other = (nonce[0] === "x" ? "y" : "x") + nonce.slice(1);
    assert.equal(await verifySession(keys, [v, exp, other, sig].join("."), NOW), false);
  });
  await t.step("a flipped signature character", async () => {
    const flipped = (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    assert.equal(await verifySession(keys, [v, exp, nonce, flipped].join("."), NOW), false);
  });
  await t.step("a truncated signature", async () => {
    assert.equal(await verifySession(keys, [v, exp, nonce, sig.slice(0, 20)].join("."), NOW), false);
  });
  await t.step("another version", async () => {
    assert.equal(await verifySession(keys, ["v2", exp, nonce, sig].join("."), NOW), false);
  });
});

Deno.test("verifySession() never accepts arbitrary strings", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.string({ maxLength: 200 }),
      async (value) => !(await verifySession(keys, value, NOW)),
    ),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(fc.stringMatching(/^[0-9a-z]{1,12}$/), fc.base64String(), fc.base64String()),
      async ([exp, nonce, sig]) => !(await verifySession(keys, `v1.${exp}.${nonce}.${sig}`, NOW)),
    ),
  );
});

Deno.test("issueSession() refuses a secret shorter than 32 bytes", () => {
  assert.throws(() => issueSession({ ...keys, secret: new Uint8Array(16) }, NOW), /shorter than 32 bytes/);
});
