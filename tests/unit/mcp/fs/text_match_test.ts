import assert from "node:assert/strict";
import fc from "fast-check";
import { compileMatcher, MAX_PATTERN_LENGTH } from "../../../../mcp/fs/text_match.ts";
import { MAX_LINE_CHARS, searchLines } from "../../../../mcp/fs/search_lines.ts";

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

Deno.test("compileMatcher() compiles a regex and names the field on a syntax error", () => {
  assert.equal(compileMatcher("fail(ed|ure)", { mode: "regex" }).test("Download failed"), true);
  assert.throws(
    () => compileMatcher("([a-z", { mode: "regex" }),
    /Cannot use pattern "\(\[a-z": invalid regular expression/,
  );
});

Deno.test("compileMatcher() refuses patterns prone to catastrophic backtracking", () => {
  for (const p of ["(a+)+", "(a*)*b", "(\\w+\\s?)*$", "((ab)+)+", "(a|aa)*", "(x?)+", "(.*a){3}"]) {
    assert.throws(() => compileMatcher(p, { mode: "regex" }), /not allowed/, p);
  }
  assert.throws(() => compileMatcher("(a)\\1", { mode: "regex" }), /backreferences are not allowed/);
  // A repeated group holding a quantifier is refused even when bounded; \d+\.\d+\.\d+\.\d+ is the way.
  assert.throws(() => compileMatcher("(\\d{1,3}\\.){3}\\d{1,3}", { mode: "regex" }), /nested quantifiers/);
  for (const p of ["[(a+)+]", "\\(a+\\)+", "(?:GET|POST) /api", "a+b*c?", "\\d+\\.\\d+\\.\\d+\\.\\d+"]) {
    assert.doesNotThrow(() => compileMatcher(p, { mode: "regex" }), p);
  }
});

Deno.test("compileMatcher() refuses empty and over-long patterns", () => {
  assert.throws(() => compileMatcher(""), /value is empty/);
  assert.throws(() => compileMatcher("x".repeat(MAX_PATTERN_LENGTH + 1)), /longer than 200/);
});

Deno.test("compileMatcher() either refuses a regex or builds one that answers (property)", () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-c()|*+?{}\[\]\\1-3,.]{1,16}$/), (pattern) => {
      let m;
      try {
        m = compileMatcher(pattern, { mode: "regex" });
      } catch (e) {
        assert.match((e as Error).message, /^Cannot use pattern/);
        return;
      }
      // An accepted pattern must run quickly on an adversarial line (the test would hang otherwise).
      m.test("a".repeat(30) + "!");
    }),
    { numRuns: 500 },
  );
});

Deno.test("searchLines() returns 1-based line numbers and stops at maxMatches", () => {
  const text = "ok\nerror one\nok\nerror two\nerror three\n";
  const r = searchLines(text, compileMatcher("error"), 2);
  assert.deepEqual(r.matches, [{ line: 2, text: "error one" }, { line: 4, text: "error two" }]);
  assert.equal(r.limited, true);
  assert.equal(searchLines(text, compileMatcher("two"), 5).limited, false);
});

Deno.test("searchLines() cuts over-long lines before matching", () => {
  const long = "x".repeat(MAX_LINE_CHARS) + "needle";
  assert.equal(searchLines(long, compileMatcher("needle"), 5).matches.length, 0);
  assert.equal(searchLines("a\r\nneedle\r\n", compileMatcher("needle"), 5).matches[0]?.text, "needle");
});
