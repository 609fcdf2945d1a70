import assert from "node:assert/strict";
import { createPacer } from "../../../../mcp/core/pacer.ts";
import { unavailableRuntime } from "../../../../mcp/clients/runtime/unavailable.ts";
import { searchLogs } from "../../../../mcp/logs/search.ts";

Deno.test("searchLogs() lists what its time budget left unsearched and marks the report limited", async () => {
  const dir = await Deno.makeTempDir({ prefix: "arr-search-" });
  try {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i} error`).join("\n");
    await Deno.writeTextFile(`${dir}/a.log`, lines);
    await Deno.writeTextFile(`${dir}/b.log`, lines);
    let now = 0;
    // Every line "takes" 1 ms; the budget of 5 ms runs out inside a.log.
    const matcher = { test: (line: string) => (now += 1, line.includes("error")) };
    const pacer = createPacer({
      budgetMs: 5,
      sliceMs: 1,
      now: () => now,
      yieldTurn: () => Promise.resolve(),
    });
    const report = await searchLogs(
      matcher,
      { files: [`${dir}/a.log`, `${dir}/b.log`], containers: ["web"] },
      unavailableRuntime(),
      { maxFiles: 10, maxBytesPerFile: 1 << 20, maxMatches: 100, containerTail: 10, pacer },
    );
    assert.equal(report.limited, true);
    assert.deepEqual(report.files_searched, [`${dir}/a.log`]);
    assert.deepEqual(report.matches.map((m) => m.line), [1, 2, 3, 4, 5]);
    assert.deepEqual(report.skipped, [
      {
        source: `${dir}/a.log`,
        reason: "searched only in part: the search's time budget of 0.005 s was spent",
      },
      { source: `${dir}/b.log`, reason: "not searched: the search's time budget of 0.005 s was spent" },
      { source: "container:web", reason: "not searched: the search's time budget of 0.005 s was spent" },
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("searchLogs() matches redacted lines, so a pattern cannot confirm a guessed secret", async () => {
  const dir = await Deno.makeTempDir({ prefix: "arr-search-" });
  try {
    await Deno.writeTextFile(`${dir}/app.log`, "start\napikey=s3cretValue42 loaded\nready\n");
    const search = (needle: string) =>
      searchLogs(
        { test: (line: string) => line.includes(needle) },
        { files: [`${dir}/app.log`], containers: [] },
        unavailableRuntime(),
        {
          maxFiles: 10,
          maxBytesPerFile: 1 << 20,
          maxMatches: 100,
          containerTail: 10,
          pacer: createPacer({ budgetMs: 10_000 }),
        },
      );
    assert.deepEqual((await search("s3cretValue42")).matches, []);
    const byKey = await search("apikey");
    assert.deepEqual(byKey.matches, [{
      source: `${dir}/app.log`,
      line: 2,
      text: "apikey=[REDACTED]",
    }]);
    assert.equal(byKey.redactions, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
