import assert from "node:assert/strict";
import { interpolate } from "../../../../shared/quadlet/interpolate.ts";

const vars: Record<string, string> = { SET: "value", EMPTY: "", TZ: "Europe/Berlin" };
const lookup = (name: string) => (Object.hasOwn(vars, name) ? vars[name] : undefined);

function value(text: string): string {
  const r = interpolate(text, lookup);
  assert.ok(r.ok, `expected success for ${text}: ${!r.ok && r.error.message}`);
  return r.value;
}

function failure(text: string): { message: string; variable?: string } {
  const r = interpolate(text, lookup);
  assert.ok(!r.ok, `expected failure for ${text}`);
  return r.error;
}

Deno.test("interpolate() substitutes braced and unbraced variables", () => {
  assert.equal(value("${SET}"), "value");
  assert.equal(value("$SET/x"), "value/x");
  assert.equal(value("a${SET}b$TZ"), "avaluebEurope/Berlin");
  assert.equal(value("${UNSET}"), "");
  assert.equal(value("$UNSET."), ".");
});

Deno.test("interpolate() applies :- and - defaults by set/empty state", async (t) => {
  await t.step(":- uses the default for unset and empty", () => {
    assert.equal(value("${UNSET:-d}"), "d");
    assert.equal(value("${EMPTY:-d}"), "d");
    assert.equal(value("${SET:-d}"), "value");
  });
  await t.step("- uses the default only for unset", () => {
    assert.equal(value("${UNSET-d}"), "d");
    assert.equal(value("${EMPTY-d}"), "");
    assert.equal(value("${SET-d}"), "value");
  });
  await t.step("defaults may be empty, contain spaces, or nest", () => {
    assert.equal(value("${UNSET:-}"), "");
    assert.equal(value("${UNSET:-two words}"), "two words");
    assert.equal(value("${UNSET:-${SET}}"), "value");
    assert.equal(value("${UNSET:-${ALSO_UNSET:-deep}}!"), "deep!");
  });
});

Deno.test("interpolate() applies :+ and + alternatives", () => {
  assert.equal(value("${SET:+alt}"), "alt");
  assert.equal(value("${EMPTY:+alt}"), "");
  assert.equal(value("${EMPTY+alt}"), "alt");
  assert.equal(value("${UNSET+alt}"), "");
});

Deno.test("interpolate() fails on :? and ? for missing values, naming the variable", async (t) => {
  await t.step(":? rejects unset and empty", () => {
    const e = failure("${UNSET:?set it in .env}");
    assert.equal(e.variable, "UNSET");
    assert.equal(e.message, 'Required variable "UNSET" is missing a value: set it in .env');
    assert.equal(
      failure("${EMPTY:?}").message,
      'Required variable "EMPTY" is missing a value: variable "EMPTY" is unset or empty',
    );
  });
  await t.step("? rejects only unset", () => {
    assert.equal(value("${EMPTY?msg}"), "");
    assert.equal(
      failure("${UNSET?}").message,
      'Required variable "UNSET" is missing a value: variable "UNSET" is unset',
    );
  });
  await t.step("a required variable inside an unused default does not fail", () => {
    assert.equal(value("${SET:-${UNSET:?never evaluated}}"), "value");
  });
});

Deno.test("interpolate() turns $$ into a literal $ and leaves it unexpanded", () => {
  assert.equal(value("$$SET"), "$SET");
  assert.equal(value("$${SET}"), "${SET}");
  assert.equal(value("cost: 5$$"), "cost: 5$");
  assert.equal(value("$$$SET"), "$value");
});

Deno.test("interpolate() rejects malformed expressions", () => {
  assert.match(failure("${").message, /expected a variable name/);
  assert.match(failure("${SET").message, /unexpected "end"/);
  assert.match(failure("${UNSET:-x").message, /missing "}"/);
  assert.match(failure("${1BAD}").message, /expected a variable name/);
  assert.match(failure("${SET!x}").message, /unexpected "!"/);
  assert.match(failure("a $ b").message, /"\$" must start a variable or be "\$\$"/);
});

Deno.test("interpolate() reports unset variables used without a default, not those with one", () => {
  const unset: string[] = [];
  const r = interpolate(
    "$A ${B} ${C:-c} ${D-d} ${E:+e} ${F+f} $${G} ${H:-$I}",
    () => undefined,
    (n) => unset.push(n),
  );
  assert.ok(r.ok);
  assert.equal(r.value, "  c d   ${G} ");
  assert.deepEqual(unset, ["A", "B", "I"]);
});
