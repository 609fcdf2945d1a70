import assert from "node:assert/strict";
import { parsePolicyMode } from "../../../../mcp/core/policy_mode.ts";
import { policyDecision } from "../../../../mcp/policy/policy_mode.ts";
import { composeFlags } from "./_support.ts";

Deno.test("parsePolicyMode() defaults to confirm when ARR_POLICY is unset or blank", () => {
  assert.deepEqual(parsePolicyMode(undefined), { ok: true, value: "confirm" });
  assert.deepEqual(parsePolicyMode("  "), { ok: true, value: "confirm" });
});

Deno.test("parsePolicyMode() reads confirm and strict in any case", () => {
  assert.deepEqual(parsePolicyMode("strict"), { ok: true, value: "strict" });
  assert.deepEqual(parsePolicyMode(" Confirm "), { ok: true, value: "confirm" });
});

Deno.test("parsePolicyMode() names the variable and the value it cannot read", () => {
  assert.deepEqual(parsePolicyMode("off"), {
    ok: false,
    error: { message: `Invalid ARR_POLICY "off": expected confirm or strict` },
  });
});

Deno.test("policyDecision() allows notices, asks in confirm mode and refuses in strict mode", () => {
  const notice = composeFlags({ network_mode: "host" });
  const confirm = composeFlags({ privileged: true });
  assert.equal(policyDecision([], "strict"), "allow");
  assert.equal(policyDecision(notice, "strict"), "allow");
  assert.equal(policyDecision(confirm, "confirm"), "confirm");
  assert.equal(policyDecision(confirm, "strict"), "refuse");
});
