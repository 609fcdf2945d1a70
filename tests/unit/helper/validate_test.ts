import assert from "node:assert/strict";
import fc from "fast-check";
import { HELPER_OPS, QUADLET_TYPES } from "../../../shared/helper_protocol.ts";
import { QUADLET_MAX_CONTENT_BYTES } from "../../../shared/limits.ts";
import { STACK_NAME_MAX } from "../../../shared/names.ts";
import {
  validateArgKeys,
  validateOp,
  validateQuadletContent,
  validateQuadletName,
  validateQuadletType,
  validateStackName,
  validateUnitName,
} from "../../../helper/validate.ts";

const NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-".split("");
const validStack = fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 1, maxLength: STACK_NAME_MAX })
  .map((cs) => cs.join(""))
  .filter((s) => !s.startsWith("-") && !s.startsWith("_"));
/** Characters that must never reach a path or argv: traversal, shell metacharacters, whitespace, look-alikes. */
const HOSTILE = [
  "/",
  "\\",
  ".",
  "..",
  " ",
  "\t",
  "\n",
  "\0",
  ";",
  "&",
  "|",
  "$",
  "`",
  "(",
  ")",
  "<",
  ">",
  "*",
  "?",
  "'",
  '"',
  "~",
  "!",
  "{",
  "}",
  "\u0430",
  "\u0435",
  "\u043e",
  "\uff0f",
  "\u2215",
  "\u200b",
  "\u00a0",
  "\u0131",
  "\ud800",
];

Deno.test("validateStackName() accepts every name made of letters, digits, _ and -, starting with a letter or digit", () => {
  fc.assert(fc.property(validStack, (name) => {
    assert.deepEqual(validateStackName(name), { ok: true, value: name });
  }));
});

Deno.test("validateStackName() rejects any name holding a traversal, shell or look-alike character", () => {
  fc.assert(fc.property(validStack, fc.constantFrom(...HOSTILE), fc.nat(), (name, bad, at) => {
    const pos = at % (name.length + 1);
    const candidate = `${name.slice(0, pos)}${bad}${name.slice(pos)}`.slice(0, STACK_NAME_MAX);
    const result = validateStackName(candidate);
    assert.equal(result.ok, candidate === name, candidate);
    if (!result.ok) assert.match(result.error, /^Invalid argument "stack": /);
  }));
});

Deno.test("validateStackName() names the field and the reason for each kind of bad value", async (t) => {
  const cases: Array<[unknown, RegExp]> = [
    [undefined, /"stack": value is missing$/],
    [42, /"stack": expected a string, got number$/],
    [null, /"stack": expected a string, got null$/],
    [["web"], /"stack": expected a string, got array$/],
    [{ name: "web" }, /"stack": expected a string, got object$/],
    ["", /"stack": value is empty$/],
    ["a".repeat(STACK_NAME_MAX + 1), /"stack": value is longer than 128 characters$/],
    ["../etc", /"stack": "..\/etc" must match \^\[A-Za-z0-9\]\[A-Za-z0-9_-\]\*\$$/],
    ["-p", /"stack": "-p" must not start with "-"$/],
    ["_p", /"stack": "_p" must match /],
    ["web\0", /"stack": "web\\u0000" must match/],
  ];
  for (const [value, expected] of cases) {
    await t.step(`rejects ${JSON.stringify(value) ?? "undefined"}`, () => {
      const result = validateStackName(value);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, expected);
    });
  }
});

Deno.test("validateUnitName() accepts service, timer, socket, target and path units, templates included", () => {
  for (
    const unit of [
      "web.service",
      "arr-backup.timer",
      "podman.socket",
      "media.target",
      "x.path",
      "a@b.service",
    ]
  ) {
    assert.deepEqual(validateUnitName(unit), { ok: true, value: unit });
  }
});

Deno.test("validateUnitName() rejects other suffixes, options and hostile characters", () => {
  const bad = [
    "web",
    "web.mount",
    "web.service.bak",
    "--user.service",
    "../x.service",
    "a b.service",
    "a;b.service",
  ];
  for (const unit of bad) {
    const result = validateUnitName(unit);
    assert.equal(result.ok, false, unit);
    if (!result.ok) assert.match(result.error, /^Invalid argument "unit": /);
  }
  // "." is part of unit names ("a.b.service"); without "/" it cannot traverse.
  fc.assert(fc.property(fc.constantFrom(...HOSTILE.filter((c) => !c.startsWith("."))), (c) => {
    assert.equal(validateUnitName(`web${c}x.service`).ok, false);
  }));
});

Deno.test("validateQuadletType() accepts every quadlet type and rejects the rest by name", () => {
  for (const type of QUADLET_TYPES) assert.deepEqual(validateQuadletType(type), { ok: true, value: type });
  const result = validateQuadletType("service");
  assert.deepEqual(result, {
    ok: false,
    error:
      'Invalid argument "type": "service" is not one of container, pod, network, volume, kube, image, build',
  });
  assert.equal(validateQuadletType(".container").ok, false);
  assert.equal(validateQuadletType(1).ok, false);
});

Deno.test("validateQuadletName() rejects traversal and a repeated suffix", () => {
  assert.deepEqual(validateQuadletName("sonarr", "container"), { ok: true, value: "sonarr" });
  assert.deepEqual(validateQuadletName("web@", "container"), { ok: true, value: "web@" });
  const suffixed = validateQuadletName("web.container", "container");
  assert.deepEqual(suffixed, {
    ok: false,
    error: 'Invalid argument "name": "web.container" must be given without its ".container" suffix',
  });
  fc.assert(fc.property(fc.constantFrom(...HOSTILE.filter((c) => !c.startsWith("."))), (c) => {
    const result = validateQuadletName(`we${c}b`, "network");
    assert.equal(result.ok, false);
  }));
  assert.equal(validateQuadletName(".hidden", "container").ok, false);
  assert.equal(validateQuadletName("..", "container").ok, false);
});

Deno.test("validateQuadletContent() accepts any well-formed text without NUL up to 64 KiB", () => {
  fc.assert(fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 300 }), (text) => {
    const content = `[Container]\n${text.replaceAll("\0", "")}`;
    assert.deepEqual(validateQuadletContent(content), { ok: true, value: content });
  }));
});

Deno.test("validateQuadletContent() rejects NUL anywhere, lone surrogates, over-size and wrong types", () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), fc.nat(), (text, at) => {
    const base = `[Container]\n${text}`;
    const pos = at % (base.length + 1);
    const result = validateQuadletContent(`${base.slice(0, pos)}\0${base.slice(pos)}`);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(result.error, /^Invalid argument "content": value (contains a NUL|is not valid UTF-8)/);
    }
  }));
  assert.deepEqual(validateQuadletContent("[Unit]\n\ud800"), {
    ok: false,
    error: 'Invalid argument "content": value is not valid UTF-8 (lone surrogate)',
  });
  const atLimit = "x".repeat(QUADLET_MAX_CONTENT_BYTES);
  assert.equal(validateQuadletContent(atLimit).ok, true);
  // Multi-byte characters count as UTF-8 bytes, not as string length.
  const over = "é".repeat(QUADLET_MAX_CONTENT_BYTES / 2 + 1);
  assert.deepEqual(validateQuadletContent(over), {
    ok: false,
    error: `Invalid argument "content": value is ${QUADLET_MAX_CONTENT_BYTES + 2} bytes, more than 65536`,
  });
  assert.equal(validateQuadletContent("   \n").ok, false);
  assert.equal(validateQuadletContent(Symbol("x")).ok, false);
  assert.equal(validateQuadletContent(undefined).ok, false);
});

Deno.test("validateOp() knows exactly the ops of the table", () => {
  for (const op of HELPER_OPS) assert.deepEqual(validateOp(op), { ok: true, value: op });
  fc.assert(fc.property(fc.string(), (op) => {
    fc.pre(!(HELPER_OPS as readonly string[]).includes(op));
    const result = validateOp(op);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error, /^Unknown op /);
  }));
  assert.equal(validateOp("__proto__").ok, false);
  assert.equal(validateOp("constructor").ok, false);
});

Deno.test("validateArgKeys() rejects an argument the op does not take", () => {
  assert.deepEqual(validateArgKeys("stack_up", { stack: "web" }), { ok: true, value: undefined });
  assert.deepEqual(validateArgKeys("stack_up", { stack: "web", cmd: "sh" }), {
    ok: false,
    error: 'Unknown argument "cmd" for op "stack_up": expected stack',
  });
  assert.deepEqual(validateArgKeys("info", { x: 1 }), {
    ok: false,
    error: 'Unknown argument "x" for op "info": it takes no arguments',
  });
  assert.equal(validateArgKeys("quadlet_list", { type: "pod" }).ok, true);
});
