import assert from "node:assert/strict";
import { activeUsers } from "../../../../mcp/cleanup/active_users.ts";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);
const accounts = [{ id: 0, name: "" }, { id: 1, name: "Owner" }, { id: 2, name: "kid" }, {
  id: 3,
  name: "gran",
}];
const lastPlay = new Map([[0, NOW], [1, NOW - DAY], [2, NOW - 89 * DAY], [3, NOW - 91 * DAY]]);

Deno.test("activeUsers() counts accounts with a play in the last N days", () => {
  assert.deepEqual(activeUsers(accounts, lastPlay, { names: undefined, activeDays: 90, now: NOW }), {
    ok: true,
    value: [1, 2],
  });
  assert.deepEqual(activeUsers(accounts, lastPlay, { names: undefined, activeDays: 30, now: NOW }), {
    ok: true,
    value: [1],
  });
});

Deno.test("activeUsers() takes ARR_CLEANUP_USERS names as given and refuses an unknown one", () => {
  assert.deepEqual(activeUsers(accounts, lastPlay, { names: ["GRAN"], activeDays: 90, now: NOW }), {
    ok: true,
    value: [3],
  });
  const unknown = activeUsers(accounts, lastPlay, { names: ["gran", "bob"], activeDays: 90, now: NOW });
  assert.deepEqual(unknown, { ok: false, error: 'ARR_CLEANUP_USERS names an unknown Plex account "bob"' });
});
