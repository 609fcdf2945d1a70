import assert from "node:assert/strict";
import { decideRefresh, type RefreshFacts } from "../../../../mcp/oauth/refresh_rotation.ts";

const NOW = 1_000_000;
const live: RefreshFacts = { state: "active", expiresAt: NOW + 1, clientId: "c1", grantRevoked: false };

Deno.test("decideRefresh() rotates a live token and revokes the family on a replay", async (t) => {
  const cases: [string, RefreshFacts | undefined, string, string][] = [
    ["an active token of the client", live, "c1", "rotate"],
    ["an unknown token", undefined, "c1", "refuse"],
    ["another client's token", live, "c2", "refuse"],
    ["an expired token", { ...live, expiresAt: NOW }, "c1", "refuse"],
    ["a token of a revoked grant", { ...live, grantRevoked: true }, "c1", "refuse"],
    ["a rotated token presented again", { ...live, state: "rotated" }, "c1", "revoke_family"],
    [
      "a rotated and expired token presented again",
      { ...live, state: "rotated", expiresAt: 0 },
      "c1",
      "revoke_family",
    ],
  ];
  for (const [name, facts, clientId, action] of cases) {
    await t.step(name, () => assert.equal(decideRefresh(facts, { clientId, now: NOW }).action, action));
  }
});
