import assert from "node:assert/strict";
import { parseSince } from "../../../../../mcp/clients/runtime/since.ts";

const NOW = Date.UTC(2026, 10, 22, 4, 0, 0);

Deno.test("parseSince() turns durations, ISO times and unix seconds into unix seconds", () => {
  assert.deepEqual(parseSince("10m", NOW), { ok: true, value: NOW / 1000 - 600 });
  assert.deepEqual(parseSince("2H", NOW), { ok: true, value: NOW / 1000 - 7200 });
  assert.deepEqual(parseSince("1d", NOW), { ok: true, value: NOW / 1000 - 86400 });
  assert.deepEqual(parseSince("2026-11-22T03:00:00Z", NOW), { ok: true, value: NOW / 1000 - 3600 });
  assert.deepEqual(parseSince("1795316400", NOW), { ok: true, value: 1795316400 });
});

Deno.test("parseSince() rejects other text with the expected forms", () => {
  assert.deepEqual(parseSince("soon", NOW), {
    ok: false,
    error: 'Cannot parse since "soon": expected a duration like 10m, an ISO time or unix seconds',
  });
  assert.equal(parseSince("10 weeks", NOW).ok, false);
  assert.equal(parseSince("2026-13-45", NOW).ok, false);
});
