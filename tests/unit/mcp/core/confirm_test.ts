import assert from "node:assert/strict";
import fc from "fast-check";
import { canonicalJson, CONFIRM_TTL_MS, createConfirmTokens } from "../../../../mcp/core/confirm.ts";
import { testClock } from "../_support/test_deps.ts";

function tokens() {
  const clock = testClock();
  return {
    clock,
    confirm: createConfirmTokens({ clock, secret: crypto.getRandomValues(new Uint8Array(32)) }),
  };
}

Deno.test("createConfirmTokens() redeems a token once for the exact tool and operation", async () => {
  const { confirm } = tokens();
  const { token } = confirm.issue("container_remove", { id: "abc", name: "web" });
  assert.deepEqual(await confirm.redeem(token, "container_remove", { name: "web", id: "abc" }), {
    ok: true,
    value: undefined,
  });
  const again = await confirm.redeem(token, "container_remove", { id: "abc", name: "web" });
  assert.equal(again.ok, false);
  assert.equal(!again.ok && again.error.kind, "used");
});

Deno.test("createConfirmTokens() refuses a token for changed arguments or another tool", async () => {
  const { confirm } = tokens();
  const { token } = confirm.issue("container_remove", { id: "abc" });
  const changed = await confirm.redeem(token, "container_remove", { id: "abd" });
  assert.equal(!changed.ok && changed.error.kind, "mismatch");
  const otherTool = await confirm.redeem(token, "stack_down", { id: "abc" });
  assert.equal(!otherTool.ok && otherTool.error.kind, "mismatch");
  assert.equal((await confirm.redeem(token, "container_remove", { id: "abc" })).ok, true);
});

Deno.test("createConfirmTokens() refuses a token after five minutes", async () => {
  const { confirm, clock } = tokens();
  const issued = confirm.issue("stack_down", { stack: "media" });
  assert.equal(issued.expiresAt, clock.now() + CONFIRM_TTL_MS);
  clock.advance(CONFIRM_TTL_MS);
  const late = await confirm.redeem(issued.token, "stack_down", { stack: "media" });
  assert.equal(!late.ok && late.error.kind, "expired");
});

Deno.test("createConfirmTokens() refuses tokens from another server secret and tampered expiry", async () => {
  const a = tokens().confirm;
  const b = tokens().confirm;
  const { token } = a.issue("t", { x: 1 });
  assert.equal((await b.redeem(token, "t", { x: 1 })).ok, false);
  const [v, nonce, exp, sig] = token.split(".");
  const extended = `${v}.${nonce}.${(parseInt(exp!, 36) + 3_600_000).toString(36)}.${sig}`;
  const r = await a.redeem(extended, "t", { x: 1 });
  assert.equal(!r.ok && r.error.kind, "mismatch");
  const junk = await a.redeem("confirm=true", "t", { x: 1 });
  assert.equal(!junk.ok && junk.error.kind, "malformed");
});

Deno.test("createConfirmTokens() rejects a secret shorter than 32 bytes", () => {
  assert.throws(
    () => createConfirmTokens({ clock: testClock(), secret: new Uint8Array(8) }),
    /shorter than 32/,
  );
});

Deno.test("canonicalJson() is independent of key order and never accepts arbitrary strings as tokens", async () => {
  fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
    const reversed = Object.fromEntries(Object.entries(obj).reverse());
    assert.equal(canonicalJson(obj), canonicalJson(reversed));
  }));
  const { confirm } = tokens();
  await fc.assert(fc.asyncProperty(fc.string(), async (s) => {
    assert.equal((await confirm.redeem(s, "t", {})).ok, false);
  }));
});

Deno.test("createConfirmTokens() lets only one of two concurrent redeems of a token through", async () => {
  const { confirm } = tokens();
  const { token } = confirm.issue("stack_down", { stack: "media" });
  const both = await Promise.all([
    confirm.redeem(token, "stack_down", { stack: "media" }),
    confirm.redeem(token, "stack_down", { stack: "media" }),
  ]);
  assert.deepEqual(both.map((r) => r.ok).sort(), [false, true]);
});

Deno.test("createConfirmTokens() binds a token to its path: a dialog's state is no confirm_token, nor the reverse", async () => {
  const { confirm } = tokens();
  const op = { id: "abc" };
  const dialog = confirm.issue("container_remove", op, "elicitation").token;
  assert.equal((await confirm.redeem(dialog, "container_remove", op)).ok, false);
  assert.equal((await confirm.redeem(dialog, "container_remove", op, "token")).ok, false);
  const token = confirm.issue("container_remove", op).token;
  const asDialog = await confirm.redeem(token, "container_remove", op, "elicitation");
  assert.equal(asDialog.ok ? "ok" : asDialog.error.kind, "mismatch");
  assert.equal((await confirm.redeem(dialog, "container_remove", op, "elicitation")).ok, true);
  assert.equal((await confirm.redeem(token, "container_remove", op, "token")).ok, true);
});
