import assert from "node:assert/strict";
import fc from "fast-check";
import { expiredKeeps, KEEP_LIMITS, keepStamp, stampAfter, stampTime } from "../../../../mcp/fs/keep_dirs.ts";
import { isPrivateMode, newFileMode } from "../../../../mcp/fs/new_file_mode.ts";

Deno.test("newFileMode() gives 0600 only in a folder whose files are all private", () => {
  assert.equal(newFileMode([0o600, 0o400]), 0o600);
  assert.equal(newFileMode([0o600, 0o644]), 0o644);
  assert.equal(newFileMode([]), 0o644, "an empty folder says nothing: the usual 0644");
  assert.equal(newFileMode([0o640]), 0o644);
  assert.equal(isPrivateMode(0o100600), true);
  assert.equal(isPrivateMode(0o100604), false);
});

Deno.test("stampTime() reads back what keepStamp() wrote, and nothing else", () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 0, 1) }), (ms) => {
    assert.equal(stampTime(keepStamp(ms)), ms);
  }));
  for (
    const bad of ["", "20261122T040000123Z", "20261122T040000123Z-ABCDEF", "x20261122T040000123Z-1a2b3c"]
  ) {
    assert.equal(stampTime(bad), null, bad);
  }
  const stamp = keepStamp(Date.UTC(2026, 0, 2));
  assert.equal(stampAfter(`compose.yaml.${stamp}`, "compose.yaml."), Date.UTC(2026, 0, 2));
  assert.equal(stampAfter(`compose.yml.${stamp}`, "compose.yaml."), null);
});

Deno.test("expiredKeeps() keeps the newest N and nothing older than the age limit", () => {
  const now = Date.UTC(2026, 5, 1);
  const day = 24 * 3600 * 1000;
  const entries = [0, 1, 2, 3, 40].map((d) => ({ name: `n${d}`, time: now - d * day }));
  assert.deepEqual(expiredKeeps(entries, now, { keep: 3, maxAgeMs: 30 * day }).sort(), ["n3", "n40"]);
  assert.deepEqual(expiredKeeps(entries, now, { keep: 10, maxAgeMs: 30 * day }), ["n40"]);
  assert.deepEqual(
    expiredKeeps([{ name: "undated", time: null }, ...entries], now, { keep: 1, maxAgeMs: 30 * day }).sort(),
    ["n1", "n2", "n3", "n40"],
    "an entry without a stamp is never chosen",
  );
});

Deno.test("expiredKeeps() never leaves more than `keep` dated entries and never drops a young one within it", () => {
  const now = Date.UTC(2026, 5, 1);
  fc.assert(fc.property(
    fc.array(fc.integer({ min: 0, max: 90 * 24 * 3600 * 1000 }), { maxLength: 40 }),
    fc.integer({ min: 1, max: 20 }),
    (ages, keep) => {
      const entries = ages.map((age, i) => ({ name: `e${i}`, time: now - age }));
      const gone = new Set(expiredKeeps(entries, now, { keep, maxAgeMs: KEEP_LIMITS.maxAgeMs }));
      const left = entries.filter((e) => !gone.has(e.name));
      assert.ok(left.length <= keep);
      assert.ok(left.every((e) => now - e.time <= KEEP_LIMITS.maxAgeMs));
      const young = entries.filter((e) => now - e.time <= KEEP_LIMITS.maxAgeMs).sort((a, b) =>
        b.time - a.time
      );
      assert.equal(left.length, Math.min(keep, young.length));
    },
  ));
});
