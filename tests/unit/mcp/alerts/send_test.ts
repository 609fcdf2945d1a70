import assert from "node:assert/strict";
import { parseChannel } from "../../../../mcp/alerts/notify/channels.ts";
import { testNotice } from "../../../../mcp/alerts/notify/notice.ts";
import { sendNotice } from "../../../../mcp/alerts/notify/send.ts";

const SECRET = "gotify-app-token-0123456789";
const parsed = parseChannel(`gotify://127.0.0.1:1/${SECRET}`);
if (!parsed.ok) throw new Error(parsed.error);
const channel = parsed.value;

/** A fetch answering from a script; records each call. */
function scripted(answers: Array<number | "network">) {
  const calls: string[] = [];
  const fetch = (input: string | URL | Request) => {
    calls.push(String(input));
    const next = answers.shift() ?? 200;
    if (next === "network") {
      return Promise.reject(new TypeError(`error sending request for url (${String(input)})`));
    }
    return Promise.resolve(new Response(next === 204 ? null : "x", { status: next }));
  };
  return { calls, fetch };
}

Deno.test("sendNotice retries network errors and 5xx with growing waits, then gives up", async (t) => {
  const table: Array<
    { name: string; answers: Array<number | "network">; ok: boolean; attempts: number; waits: number[] }
  > = [
    { name: "first try", answers: [200], ok: true, attempts: 1, waits: [] },
    { name: "500 then ok", answers: [500, 200], ok: true, attempts: 2, waits: [100] },
    { name: "network, 503, ok", answers: ["network", 503, 204], ok: true, attempts: 3, waits: [100, 200] },
    { name: "always 500", answers: [500, 500, 500], ok: false, attempts: 3, waits: [100, 200] },
    { name: "401 is not retried", answers: [401], ok: false, attempts: 1, waits: [] },
    { name: "429 is retried", answers: [429, 200], ok: true, attempts: 2, waits: [100] },
  ];
  for (const row of table) {
    await t.step(row.name, async () => {
      const { calls, fetch } = scripted([...row.answers]);
      const waits: number[] = [];
      const out = await sendNotice(channel, testNotice("2026-11-22T00:00:00Z"), {
        fetch,
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
        backoffMs: 100,
      });
      assert.equal(out.ok, row.ok);
      assert.equal(out.attempts, row.attempts);
      assert.equal(calls.length, row.attempts);
      assert.deepEqual(waits, row.waits);
      assert.ok(!JSON.stringify(out).includes(SECRET));
      assert.equal(out.channel, "gotify://127.0.0.1:1");
    });
  }
});
