/**
 * Growth bound: on pathological shapes, redacting 16 times more text may take at most 64 times longer (linear
 * code takes about 16 times, quadratic code 256 times; the old regexes took 14 s on 4 KB of `token.token.…`).
 * Each size is timed as the best of 3 runs, the small size (32 Ki characters) stands above timer noise, and a
 * shape fails only when 3 measurements in a row exceed the bound (other processes and garbage collection only
 * ever add time). This is a growth bound, not a speed assertion.
 */
import assert from "node:assert/strict";
import { redactArgv, redactEnvFile, redactSecrets, redactValue } from "../../../../shared/redact/mod.ts";

const SMALL = 32 * 1024;
const GROWTH = 16;
const MAX_RATIO = 64;

/** Text of exactly `size` characters made of `unit` repeated. */
function repeated(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
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

/** The worst growth is the least of 3 measurements; the message names the sizes and times of each. */
function growth(redact: (text: string) => unknown, unit: string): { ratio: number; detail: string } {
  const small = repeated(unit, SMALL);
  const large = repeated(unit, SMALL * GROWTH);
  redact(small); // warm up the JIT
  const tries: string[] = [];
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio > MAX_RATIO; attempt++) {
    const [s, l] = [bestOf3(() => redact(small)), bestOf3(() => redact(large))];
    // A floor of 0.5 ms keeps a near-zero small time from making the ratio meaningless.
    ratio = Math.min(ratio, l / Math.max(s, 0.5));
    tries.push(`${s.toFixed(2)} ms → ${l.toFixed(2)} ms`);
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
