import assert from "node:assert/strict";
import { parseQuietHours, quietUntil } from "../../../../mcp/alerts/quiet_hours.ts";

const at = (h: number, m = 0) => Date.UTC(2026, 10, 22, h, m);

Deno.test("quiet hours: parse and hold until the window ends (UTC and an offset)", async (t) => {
  const q = parseQuietHours("22-07");
  assert.ok(q.ok && q.value);
  const quiet = q.ok ? q.value : null;
  await t.step(
    "inside before midnight",
    () => assert.equal(quietUntil(quiet, at(23, 30), 0), Date.UTC(2026, 10, 23, 7)),
  );
  await t.step("inside after midnight", () => assert.equal(quietUntil(quiet, at(3), 0), at(7)));
  await t.step("outside", () => assert.equal(quietUntil(quiet, at(12), 0), null));
  await t.step("end is exclusive", () => assert.equal(quietUntil(quiet, at(7), 0), null));
  await t.step(
    "local time UTC+2: 21:00 UTC is 23:00 local",
    () => assert.equal(quietUntil(quiet, at(21), 120), Date.UTC(2026, 10, 23, 5)),
  );
  await t.step("no quiet hours", () => assert.equal(quietUntil(null, at(23), 0), null));
  const day = parseQuietHours("09:30-17:00");
  assert.ok(day.ok && day.value);
  assert.equal(quietUntil(day.ok ? day.value : null, at(10), 0), at(17));
  for (const bad of ["25-07", "22", "22-22", "aa-bb", "22:61-07"]) {
    assert.equal(parseQuietHours(bad).ok, false, bad);
  }
});
