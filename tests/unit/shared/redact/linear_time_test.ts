/**
 * Growth bound: on pathological shapes, redacting 16 times more text may take at most 64 times longer (linear
 * code takes about 16 times, quadratic code 256 times; the old regexes took 14 s on 4 KB of `token.token.…`).
 * Both sizes are timed over the same amount of work (64 runs at size n, 4 at 16n), so a busy machine slows both
 * alike and neither is below timer noise; sizes stay small enough (8 Ki → 128 Ki characters) that cache misses
 * do not count as growth. Each is the best of 3, and a shape fails only when 5 measurements in a row exceed the
 * bound (other processes and garbage collection only ever add time). A growth bound, not a speed assertion.
 */
import assert from "node:assert/strict";
import { redactArgv, redactEnvFile, redactSecrets, redactValue } from "../../../../shared/redact/mod.ts";

const SMALL = 8 * 1024;
/** Each measurement repeats the large run this often (and the small one 16 times as often). */
const REPEAT = 4;
/** A shape fails only when this many measurements in a row exceed the bound. */
const ATTEMPTS = 5;
const GROWTH = 16;
const MAX_RATIO = 64;

/** Text of exactly `size` characters made of `unit` repeated, as one flat string (not a rope of repeats). */
function repeated(unit: string, size: number): string {
  const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

/** 200-character lines, each holding many secret settings. */
function manyKeysLine(): string {
  return repeated("token=a password=b apikey=c X-Api-Key: d sid=e --auth f <Secret>g</Secret> ", 199) + "\n";
}

const SHAPES: Record<string, string> = {
  "token.token.…": "token.",
  "long run of =": "=",
  "long run of :": ":",
  "double quotes": '"',
  "single quotes": "'",
  "spaces": " ",
  "a: repeated": "a:",
  "password= repeated": "password=",
  "token: repeated": "token: ",
  "nested JSON quotes": '{"token":"\\"',
  "JSON keys without values": '"apiKey":',
  "XML open tags": "<ApiKey>",
  "XML tag with a stray close": "<ApiKey>a</Api",
  "URL schemes": "http://",
  "URL userinfo without @": "http://u:p",
  "URL userinfo @@": "://a:@@",
  "backslashes in quotes": 'k="\\',
  "secret flags": "--password ",
  "Authorization schemes": "Authorization: Bearer ",
  "YAML list heads": "- export ",
  "line breaks": "token=\n",
  "200-char lines with many keys": manyKeysLine(),
};

function bestOf3(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** The least growth of up to ATTEMPTS measurements; the message gives the per-run times of each. */
function growth(redact: (text: string) => unknown, unit: string): { ratio: number; detail: string } {
  const small = repeated(unit, SMALL);
  const large = repeated(unit, SMALL * GROWTH);
  redact(small); // warm up the JIT
  const tries: string[] = [];
  let ratio = Infinity;
  for (let attempt = 0; attempt < ATTEMPTS && ratio > MAX_RATIO; attempt++) {
    const perSmall = bestOf3(() => {
      for (let i = 0; i < GROWTH * REPEAT; i++) redact(small);
    }) / (GROWTH * REPEAT);
    const perLarge = bestOf3(() => {
      for (let i = 0; i < REPEAT; i++) redact(large);
    }) / REPEAT;
    ratio = Math.min(ratio, perLarge / perSmall);
    tries.push(`${perSmall.toFixed(2)} ms → ${perLarge.toFixed(2)} ms`);
  }
  return { ratio, detail: `${SMALL} → ${SMALL * GROWTH} chars: ${tries.join(", ")}` };
}

const REDACTIONS: Record<string, (text: string) => unknown> = {
  "redactSecrets()": (text) => redactSecrets(text, ["known-secret-1"]),
  "redactEnvFile()": (text) => redactEnvFile(text),
  "redactValue()": (text) => redactValue({ nested: [{ text }] }),
  "redactArgv()": (text) => redactArgv(text.split(" ")),
};

for (const [fn, redact] of Object.entries(REDACTIONS)) {
  Deno.test(`${fn} grows linearly on pathological input`, async (t) => {
    for (const [name, unit] of Object.entries(SHAPES)) {
      await t.step(name, () => {
        const { ratio, detail } = growth(redact, unit);
        assert.ok(ratio <= MAX_RATIO, `${name}: ${detail}`);
      });
    }
  });
}
