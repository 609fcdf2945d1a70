import assert from "node:assert/strict";
import { compileMatcher, MAX_PATTERN_LENGTH } from "../../../../mcp/fs/text_match.ts";
import { MAX_LINE_CHARS, searchLines } from "../../../../mcp/fs/search_lines.ts";
import { createPacer } from "../../../../mcp/core/pacer.ts";
import { linearEngineTests } from "../_support/linear_engine.ts";

const test = linearEngineTests(import.meta.url);
/** A pacer that never pauses or stops. */
const unpaced = () => createPacer({ budgetMs: Infinity, sliceMs: Infinity });

Deno.test("compileMatcher() matches substrings case-insensitively by default", () => {
  const m = compileMatcher("error");
  assert.equal(m.test("2026 [ERROR] boom"), true);
  assert.equal(m.test("all fine"), false);
  assert.equal(compileMatcher("Error", { caseSensitive: true }).test("error"), false);
});

Deno.test("compileMatcher() treats regex metacharacters literally in substring mode", () => {
  const m = compileMatcher("(a+)+$");
  assert.equal(m.test("x (a+)+$ y"), true);
  assert.equal(m.test("aaaa"), false);
});

test("compileMatcher() compiles a regex and names the field on a syntax error", () => {
  assert.equal(compileMatcher("fail(ed|ure)", { mode: "regex" }).test("Download FAILED"), true);
  assert.equal(compileMatcher("fail(ed|ure)", { mode: "regex", caseSensitive: true }).test("FAILED"), false);
  assert.throws(
    () => compileMatcher("([a-z", { mode: "regex" }),
    /Cannot use pattern "\(\[a-z": invalid regular expression/,
  );
});

test("compileMatcher() runs patterns that backtrack catastrophically elsewhere, quickly", () => {
  const line = "a".repeat(2000) + "!";
  const cases: Array<[string, boolean]> = [
    ["(a+)+$", false],
    ["(a*)*b", false],
    ["(\\w+\\s?)*$", true],
    ["(a|aa)*c", false],
    ["(x?)+y", false],
    [".*.*.*.*x#", false],
  ];
  for (const [p, matches] of cases) {
    const started = performance.now();
    assert.equal(compileMatcher(p, { mode: "regex" }).test(line), matches, p);
    assert.ok(performance.now() - started < 250, `${p} took ${performance.now() - started} ms`);
  }
});

test("compileMatcher() names the construct the linear-time engine cannot run", () => {
  assert.throws(
    () => compileMatcher("(a)\\1", { mode: "regex" }),
    { message: 'Cannot use pattern "(a)\\1": the linear-time regex engine cannot run a backreference (\\1)' },
  );
  assert.throws(
    () => compileMatcher("foo(?=bar)", { mode: "regex" }),
    /cannot run a lookahead \(\(\?=…\)\)$/,
  );
});

Deno.test("compileMatcher() refuses empty and over-long patterns", () => {
  assert.throws(() => compileMatcher(""), /value is empty/);
  assert.throws(() => compileMatcher("x".repeat(MAX_PATTERN_LENGTH + 1)), /longer than 200/);
});

Deno.test("searchLines() returns 1-based line numbers and stops at maxMatches", async () => {
  const text = "ok\nerror one\nok\nerror two\nerror three\n".split("\n");
  const r = await searchLines(text, compileMatcher("error"), 2, unpaced());
  assert.deepEqual(r.matches, [{ line: 2, text: "error one" }, { line: 4, text: "error two" }]);
  assert.equal(r.limited, true);
  assert.equal(r.outOfTime, false);
  assert.equal((await searchLines(text, compileMatcher("two"), 5, unpaced())).limited, false);
});

Deno.test("searchLines() cuts over-long lines before matching", async () => {
  const long = "x".repeat(MAX_LINE_CHARS) + "needle";
  assert.equal((await searchLines([long], compileMatcher("needle"), 5, unpaced())).matches.length, 0);
  const crlf = await searchLines(["a\r", "needle\r"], compileMatcher("needle"), 5, unpaced());
  assert.equal(crlf.matches[0]?.text, "needle");
});

Deno.test("searchLines() gives the event loop a turn every slice and stops when the budget is spent", async () => {
  let now = 0;
  let turns = 0;
  // Every line "takes" 1 ms: the slice of 5 ms ends every 5 lines, the budget after 20.
  const matcher = {
    test: (line: string) => {
      now += 1;
      return line === "hit";
    },
  };
  const pacer = createPacer({
    budgetMs: 20,
    sliceMs: 5,
    now: () => now,
    yieldTurn: () => Promise.resolve(void turns++),
  });
  const text = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? "hit" : "miss"));
  const r = await searchLines(text, matcher, 100, pacer);
  assert.deepEqual(r.matches.map((m) => m.line), [1, 11]);
  assert.equal(r.outOfTime, true);
  assert.equal(r.limited, true);
  assert.equal(turns, 3);
  assert.equal(pacer.spent, true);
});
