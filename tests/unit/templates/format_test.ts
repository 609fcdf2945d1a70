import assert from "node:assert/strict";
import {
  formatBytes,
  formatDuration,
  formatPercent,
  formatTime,
  uptimeMs,
} from "../../../templates/format.ts";

Deno.test("formatBytes() uses binary units with one decimal below 100", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(1023), "1023 B");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(150 * 1024 * 1024), "150 MiB");
  assert.equal(formatBytes(8e12), "7.3 TiB");
  assert.equal(formatBytes(null), "–");
  assert.equal(formatBytes(-1), "–");
});

Deno.test("formatDuration() shows the two largest units", () => {
  assert.equal(formatDuration(0), "0s");
  assert.equal(formatDuration(59_999), "59s");
  assert.equal(formatDuration(93_000), "1m 33s");
  assert.equal(formatDuration(90_061_000), "1d 1h");
  assert.equal(formatDuration(86_400_000), "1d");
  assert.equal(formatDuration(null), "–");
});

Deno.test("formatPercent() keeps one decimal below 10", () => {
  assert.equal(formatPercent(1.234), "1.2%");
  assert.equal(formatPercent(12.6), "13%");
  assert.equal(formatPercent(null), "–");
});

Deno.test("uptimeMs() is null unless running with a known start", () => {
  const now = Date.parse("2026-11-22T04:00:00Z");
  assert.equal(uptimeMs("running", "2026-11-22T03:00:00Z", now), 3_600_000);
  assert.equal(uptimeMs("exited", "2026-11-22T03:00:00Z", now), null);
  assert.equal(uptimeMs("running", null, now), null);
  assert.equal(uptimeMs("running", "garbage", now), null);
  assert.equal(uptimeMs("running", "2026-11-22T05:00:00Z", now), 0);
});

Deno.test("formatTime() shows UTC to the second", () => {
  assert.equal(formatTime("2026-11-22T03:56:27.231Z"), "2026-11-22 03:56:27 UTC");
  assert.equal(formatTime(null), "–");
  assert.equal(formatTime("nope"), "–");
});
