import assert from "node:assert/strict";
import { createPacer } from "../../../../mcp/core/pacer.ts";

Deno.test("createPacer() is due once a slice is used up and pauses until the budget is spent", async () => {
  let now = 100;
  let turns = 0;
  const pacer = createPacer({
    budgetMs: 50,
    sliceMs: 20,
    now: () => now,
    yieldTurn: () => Promise.resolve(void turns++),
  });
  assert.equal(pacer.due(), false);
  now += 20;
  assert.equal(pacer.due(), true);
  assert.equal(await pacer.pause(), true);
  assert.equal(pacer.due(), false, "a pause starts a new slice");
  now += 30;
  assert.equal(await pacer.pause(), false, "50 ms spent");
  assert.equal(pacer.spent, true);
  assert.equal(turns, 1, "no turn is taken once the budget is spent");
});

Deno.test("createPacer()'s default turn is a macrotask: a timer that is already due runs first", async () => {
  const pacer = createPacer({ budgetMs: 1000, sliceMs: 0 });
  let fired = false;
  setTimeout(() => fired = true, 0);
  assert.equal(await pacer.pause(), true);
  assert.equal(fired, true);
});
