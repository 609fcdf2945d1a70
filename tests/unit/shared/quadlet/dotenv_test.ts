import assert from "node:assert/strict";
import { dotenvMap, parseDotenv } from "../../../../shared/quadlet/dotenv.ts";

function map(text: string, shell: Record<string, string> = {}): Record<string, string> {
  const r = parseDotenv(text, (n) => shell[n]);
  assert.ok(r.ok, !r.ok ? r.error.message : "");
  return Object.fromEntries(dotenvMap(r.value));
}

Deno.test("parseDotenv() reads comments, export, quotes and inline comments", () => {
  const text = [
    "# comment",
    "",
    "export A=1",
    "B = spaced ",
    "C='single $A # kept'",
    'D="double\\nline \\"q\\""',
    "E=value # comment",
    "F=value#not-a-comment",
    "G=",
  ].join("\n");
  assert.deepEqual(map(text), {
    A: "1",
    B: "spaced",
    C: "single $A # kept",
    D: 'double\nline "q"',
    E: "value",
    F: "value#not-a-comment",
    G: "",
  });
});

Deno.test("parseDotenv() interpolates with the shell first, then earlier lines", () => {
  const text = "BASE=/srv\nDATA=${BASE}/data\nTZ=UTC\nWHO=${TZ}\nLIT='${BASE}'";
  assert.deepEqual(map(text, { TZ: "Europe/Paris" }), {
    BASE: "/srv",
    DATA: "/srv/data",
    TZ: "UTC",
    WHO: "Europe/Paris",
    LIT: "${BASE}",
  });
});

Deno.test("parseDotenv() reads a double-quoted value across lines", () => {
  assert.deepEqual(map('KEY="line1\nline2"\nNEXT=1'), { KEY: "line1\nline2", NEXT: "1" });
});

Deno.test("parseDotenv() marks values a plain KEY=VALUE reader reads alike", () => {
  const r = parseDotenv('A=1\nB="q"\nC=x # c\nD\nE=/path/x');
  assert.ok(r.ok);
  assert.deepEqual(r.value.map((e) => [e.key, e.plain]), [["A", true], ["B", false], ["C", false], [
    "D",
    false,
  ], [
    "E",
    true,
  ]]);
});

Deno.test("parseDotenv() rejects bad keys and unterminated quotes with the line number", () => {
  const bad = parseDotenv("OK=1\nB@D=2");
  assert.ok(!bad.ok);
  assert.equal(bad.error.message, 'Cannot parse line 2: unexpected character "@" in variable name');
  const spaced = parseDotenv("A B=1");
  assert.ok(!spaced.ok);
  assert.equal(spaced.error.message, 'Cannot parse line 1: key "A B" contains a space');
  const open = parseDotenv("A='x");
  assert.ok(!open.ok);
  assert.equal(open.error.message, "Cannot parse line 1: unterminated single quote");
});

Deno.test("parseDotenv() follows compose-go: digits first in keys, escaped quotes, octal escapes, bare key at the end", () => {
  assert.deepEqual(map('1KEY=a\nQ=\'it\\\'s\'\nO="\\0101\\a"\nP="\\$HOME"\nBARE', { BARE: "shell" }), {
    "1KEY": "a",
    Q: "it's",
    O: "A\x07",
    P: "$HOME",
    BARE: "shell",
  });
});

Deno.test("parseDotenv() reports each unset variable it substitutes with an empty string", () => {
  const unset: string[] = [];
  const r = parseDotenv(
    "A=${NOPE}\nB=${NOPE:-x}${ALSO}\nC='${SINGLE}'",
    () => undefined,
    (n) => unset.push(n),
  );
  assert.ok(r.ok);
  assert.deepEqual(unset, ["NOPE", "ALSO"]);
});
