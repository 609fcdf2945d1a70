import assert from "node:assert/strict";
import fc from "fast-check";
import { compileLinearRegex } from "../../../../mcp/fs/linear_regex.ts";
import { foldPatternCase } from "../../../../mcp/fs/regex_case_fold.ts";
import { linearRefusal } from "../../../../mcp/fs/regex_refusal.ts";
import { compileMatcher } from "../../../../mcp/fs/text_match.ts";
import { linearEngineTests } from "../_support/linear_engine.ts";

const test = linearEngineTests(import.meta.url);

Deno.test("linearRefusal() names each construct the linear-time engine refuses", () => {
  const cases: Array<[string, string | undefined]> = [
    ["(a)\\1", "a backreference (\\1)"],
    ["(?<n>a)\\k<n>", "a named backreference (\\k<n>)"],
    ["a(?=b)", "a lookahead ((?=…))"],
    ["a(?!b)", "a negative lookahead ((?!…))"],
    ["(?i:a)b", "an inline modifier ((?i:…))"],
    ["\\p{L}+", "a Unicode property escape (\\p{L})"],
    ["[\\P{Lu}x]", "a Unicode property escape (\\P{Lu})"],
    ["\\u{1F600}", "a code point escape (\\u{1F600})"],
    ["[a-z]{2,100}", "a counted repetition over 16 ({2,100}); use + or * instead"],
    ["x{17}", "a counted repetition over 16 ({17}); use + or * instead"],
    ["(a{2,3}){6}", "nested counted repetitions that unroll to 18 copies (more than 16; ending in {6})"],
    ["(?:a{4}|b{5}){4}", "nested counted repetitions that unroll to 20 copies (more than 16; ending in {4})"],
    ["(?<=a)b", undefined],
    ["(?<!a)b", undefined],
    ["(?<year>\\d{4})-(\\d{1,2})", undefined],
    ["(\\d{1,3}\\.){3}\\d{1,3}", undefined],
    ["(a{4}){4}", undefined],
    ["a{16}b{16}", undefined],
    ["[\\1(?=]x", undefined],
    ["\\(?=x", undefined],
    ["(a+)+$", undefined],
  ];
  for (const [pattern, want] of cases) assert.equal(linearRefusal(pattern), want, pattern);
});

Deno.test("foldPatternCase() lower-cases literals and adds lower-case images to classes", () => {
  const cases: Array<[string, string]> = [
    ["Error: (\\d+) Items", "error: (\\d+) items"],
    ["[A-F_]", "[A-F_\\u0061-\\u0066]"],
    ["[^A-Z]", "[^A-Z\\u0061-\\u007a]"],
    ["\\x41\\u0042", "\\u0061\\u0062"],
    ["(?<Year>\\d{4})\\W\\B", "(?<Year>\\d{4})\\W\\B"],
    ["[Z-a]", "[Z-a\\u007a]"],
    ["ÉTÉ", "été"],
  ];
  for (const [pattern, want] of cases) assert.equal(foldPatternCase(pattern), want, pattern);
});

test("compileLinearRegex() folds case: it agrees with the i and u flags (property)", () => {
  const atom = fc.constantFrom(
    "a",
    "A",
    "b",
    "Z",
    "é",
    "É",
    "_",
    "1",
    ".",
    "\\d",
    "\\w",
    "\\W",
    "\\s",
    "\\x41",
    "\\u00c9",
    "[a-c]",
    "[A-C]",
    "[^a-c]",
    "[^A-Z]",
    "[Z-a]",
    "[À-Þ]",
    "[\\x41-\\x5a_]",
    "\\b",
  );
  const piece = fc.tuple(atom, fc.constantFrom("", "", "*", "+", "?", "{1,2}")).map(([a, q]) =>
    a === "\\b" ? a : a + q
  );
  const pattern = fc.array(piece, { minLength: 1, maxLength: 6 }).chain((parts) =>
    fc.constantFrom(parts.join(""), `(${parts.join("|")})`, `^${parts.join("")}$`)
  );
  const line = fc.array(fc.constantFrom(..."aAbBcCzZ_éÉ1 -"), { maxLength: 12 }).map((cs) => cs.join(""));
  fc.assert(
    fc.property(pattern, line, (p, l) => {
      const mine = compileLinearRegex(p, { caseSensitive: false });
      if (!mine.ok) throw new Error(`${p}: ${mine.error}`);
      assert.equal(mine.value.test(l), new RegExp(p, "iu").test(l), `${p} on ${JSON.stringify(l)}`);
      const exact = compileLinearRegex(p, { caseSensitive: true });
      if (!exact.ok) throw new Error(`${p}: ${exact.error}`);
      assert.equal(exact.value.test(l), new RegExp(p, "u").test(l), `${p} (case-sensitive) on ${l}`);
    }),
    { numRuns: 1000 },
  );
});

/** The bound one 200-character line may take, however hostile the pattern (measured: well under 1 ms). */
const LINE_BOUND_MS = 250;

test("compileMatcher() never takes long on a 200-character line, whatever the pattern (property)", () => {
  const leaf = fc.constantFrom(
    ".*",
    "(a|a)*",
    "(x+)+",
    "(a*)*",
    "\\w*",
    "(.*x)+",
    "[^#]*",
    "x*",
    "(x|xx)+",
    "a?",
  );
  const nested = fc.letrec<{ p: string }>((tie) => ({
    p: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.tuple(tie("p"), tie("p")).map(([a, b]) => a + b),
      fc.tuple(tie("p"), fc.constantFrom("*", "+", "?", "{2,3}")).map(([a, q]) => `(${a})${q}`),
      fc.tuple(tie("p"), tie("p")).map(([a, b]) => `(${a}|${b})`),
    ),
  })).p;
  const long = fc.array(leaf, { minLength: 10, maxLength: 40 }).map((parts) => parts.join(""));
  const hostile = fc.oneof(nested, long).map((p) => `${p}#`).filter((p) => p.length <= 200);
  const line = fc.constantFrom("x".repeat(200), "a".repeat(200), "xa".repeat(100), "x".repeat(199) + "#");
  fc.assert(
    fc.property(hostile, line, fc.boolean(), (pattern, text, caseSensitive) => {
      const started = performance.now();
      let matcher;
      try {
        matcher = compileMatcher(pattern, { mode: "regex", caseSensitive });
      } catch (e) {
        assert.match(
          (e as Error).message,
          /^Cannot use pattern ".*": the linear-time regex engine cannot run/,
        );
        return;
      }
      matcher.test(text);
      const took = performance.now() - started;
      assert.ok(took < LINE_BOUND_MS, `${pattern} took ${took.toFixed(1)} ms`);
    }),
    { numRuns: 500 },
  );
});
