import assert from "node:assert/strict";
import { riskOf } from "../../../../mcp/upgrades/risk.ts";

/** [kind, release notes, expected risk, expected flagged line count] */
const RISKS: Array<[string, string, string, number]> = [
  ["digest", "", "low", 0],
  ["build", "Rebuilt on Alpine 3.21", "low", 0],
  ["patch", "- Fixed the calendar\n- Faster search", "low", 0],
  ["minor", "- New feature", "medium", 0],
  ["major", "", "high", 0],
  ["patch", "## Breaking changes\n- API v2 removed", "high", 2],
  ["build", "Action required: set PUID again", "high", 1],
  ["patch", "A database migration runs at first start", "medium", 1],
  ["minor", "The legacy indexer was removed", "medium", 1],
  ["digest", "BREAKING: config moved to /config/app", "high", 1],
];

Deno.test("riskOf() takes the kind and raises it for notes that warn", async (t) => {
  for (const [kind, notes, risk, flagged] of RISKS) {
    await t.step(`${kind}: ${JSON.stringify(notes)}`, () => {
      const got = riskOf(kind as never, notes);
      assert.equal(got.risk, risk);
      assert.equal(got.flagged.length, flagged);
    });
  }
});

Deno.test("riskOf() keeps flagged lines short and bounded", () => {
  const notes = Array.from({ length: 50 }, (_, i) => `breaking ${"x".repeat(500)} ${i}`).join("\n");
  const got = riskOf("patch", notes);
  assert.equal(got.risk, "high");
  assert.ok(got.flagged.length <= 5);
  assert.ok(got.flagged.every((l) => l.length <= 200));
});
