import assert from "node:assert/strict";
import { CASE_EXPECTED } from "./_cases_expected.ts";
import { CASE_INPUTS } from "./_cases_input.ts";
import { runCase } from "./_cases.ts";

Deno.test("convertCompose() writes the exact units for each key family", async (t) => {
  for (const c of CASE_INPUTS) {
    await t.step(c.name, () => {
      const expected = CASE_EXPECTED[c.name];
      assert.ok(expected, `no expected output for "${c.name}"`);
      const result = runCase(c);
      assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
      const units = Object.fromEntries(result.value.units.map((u) => [u.fileName, u.text]));
      assert.deepEqual(units, expected.units);
      assert.deepEqual(result.value.report.unsupported, expected.unsupported);
      assert.deepEqual(result.value.report.warnings, expected.warnings);
      assert.deepEqual(result.value.report.skipped, expected.skipped ?? []);
      assert.deepEqual(result.value.report.units, Object.keys(expected.units));
    });
  }
});
