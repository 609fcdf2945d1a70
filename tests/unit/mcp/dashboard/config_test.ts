import assert from "node:assert/strict";
import { parseConfig } from "../../../../mcp/core/config.ts";

const host = { uid: 1000, home: "/home/test" };

Deno.test("parseConfig() reads ARR_DASHBOARD_PUBLIC, off by default", () => {
  const off = parseConfig({}, host);
  assert.ok(off.ok);
  assert.equal(off.value.dashboardPublic, false);
  for (
    const [raw, expected] of [["true", true], ["1", true], ["ON", true], ["false", false], [
      "no",
      false,
    ]] as const
  ) {
    const parsed = parseConfig({ ARR_DASHBOARD_PUBLIC: raw }, host);
    assert.ok(parsed.ok, raw);
    assert.equal(parsed.value.dashboardPublic, expected, raw);
  }
});

Deno.test("parseConfig() names ARR_DASHBOARD_PUBLIC when its value is not a boolean", () => {
  const parsed = parseConfig({ ARR_DASHBOARD_PUBLIC: "maybe" }, host);
  assert.deepEqual(parsed, {
    ok: false,
    error: 'Invalid ARR_DASHBOARD_PUBLIC "maybe": expected true or false',
  });
});
