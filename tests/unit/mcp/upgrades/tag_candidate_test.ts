import assert from "node:assert/strict";
import fc from "fast-check";
import { kindBetween, parseTag, pickCandidate } from "../../../../mcp/upgrades/tag_candidate.ts";

/** [running tag, tags in the registry, expected candidate tag or null, expected kind or null] */
const CANDIDATES: Array<[string, string[], string | null, string | null]> = [
  // linuxserver: same channel, numeric comparison, a new -ls build of the same version is a build update
  ["4.0.14.2939-ls278", ["4.0.14.2939-ls278", "4.0.14.2939-ls279", "latest"], "4.0.14.2939-ls279", "build"],
  [
    "4.0.14.2939-ls278",
    ["4.0.14.2939-ls278", "4.0.15.2941-ls280", "4.0.14.2939-ls279"],
    "4.0.15.2941-ls280",
    "patch",
  ],
  ["4.0.9.1-ls99", ["4.0.10.1-ls100", "4.0.9.1-ls99"], "4.0.10.1-ls100", "patch"],
  ["4.0.14.2939-ls278", ["5.0.0.1-ls1", "develop-5.1.0.1-ls3", "amd64-5.0.0.1-ls1"], "5.0.0.1-ls1", "major"],
  [
    "develop-4.0.18.2978-ls176",
    ["4.0.19.2979-ls316", "develop-4.0.18.2978-ls177"],
    "develop-4.0.18.2978-ls177",
    "build",
  ],
  ["develop-4.0.18.2978-ls176", ["4.0.19.2979-ls316", "latest"], null, null],
  // develop- prefix stays in its channel
  ["develop-1.2.3", ["1.3.0", "develop-1.2.4", "nightly-1.9.0"], "develop-1.2.4", "patch"],
  ["nightly-1.2.3", ["develop-1.2.4", "nightly-1.2.3"], null, null],
  // -alpine suffix: same suffix only
  ["1.25.3-alpine", ["1.27.0", "1.26.1-alpine", "1.26.1-bookworm"], "1.26.1-alpine", "minor"],
  ["1.25.3", ["1.26.0-alpine", "1.25.4", "1.26.0-rc1"], "1.25.4", "patch"],
  // -r<N> build counters
  ["3.19.1-r0", ["3.19.1-r2", "3.19.1-r1"], "3.19.1-r2", "build"],
  ["3.19.1-alpine-r1", ["3.19.1-alpine-r3", "3.19.1-r5"], "3.19.1-alpine-r3", "build"],
  // v prefix
  ["v1.9.0", ["v1.10.0", "1.11.0", "v2.0.0"], "v2.0.0", "major"],
  // calendar versions: the year moves every January, which says nothing about compatibility
  ["2024.12.1", ["2025.1.0", "2024.12.2", "2025.01"], "2025.1.0", "minor"],
  ["2024.12.1", ["2024.12.2"], "2024.12.2", "patch"],
  // 4-part versions; a different number of parts is a different (moving) family
  ["6.0.3.10276", ["6.0.3.10280", "6.0.4", "6.1"], "6.0.3.10280", "patch"],
  ["6.0.3.10276", ["6.1.0.10300", "6.0.3.10280"], "6.1.0.10300", "minor"],
  ["6.0", ["6.1", "6.0.4", "7"], "6.1", "minor"],
  // floating tags: compared by digest, never replaced by a version
  ["latest", ["1.2.3", "latest"], null, null],
  ["develop", ["develop-1.2.3"], null, null],
  // nothing newer
  ["1.2.3", ["1.2.3", "1.2.2", "0.9"], null, null],
];

Deno.test("pickCandidate() picks the newest tag of the same family", async (t) => {
  for (const [current, tags, tag, kind] of CANDIDATES) {
    await t.step(`${current} among ${tags.join(" ")}`, () => {
      const got = pickCandidate(current, tags);
      assert.deepEqual(got === null ? null : [got.tag, got.kind], tag === null ? null : [tag, kind]);
    });
  }
});

Deno.test("parseTag() splits prefix, release, suffix and build counter", () => {
  assert.deepEqual(parseTag("develop-4.0.18.2978-ls176"), {
    tag: "develop-4.0.18.2978-ls176",
    prefix: "develop-",
    release: [4, 0, 18, 2978],
    suffix: "-ls",
    build: 176,
    calendar: false,
  });
  assert.deepEqual(parseTag("1.25.3-alpine")?.suffix, "-alpine");
  assert.equal(parseTag("2024.12.1")?.calendar, true);
  assert.equal(parseTag("latest"), null);
  assert.equal(parseTag("develop"), null);
  assert.equal(parseTag("sha256-abc"), null);
});

Deno.test("kindBetween() says null when the target is not newer", () => {
  const a = parseTag("1.2.3")!;
  assert.equal(kindBetween(a, parseTag("1.2.3")!), null);
  assert.equal(kindBetween(a, parseTag("1.2.2")!), null);
  assert.equal(kindBetween(a, parseTag("1.3.0")!), "minor");
});

Deno.test("pickCandidate() never leaves the family and never goes backwards (property)", () => {
  const part = fc.integer({ min: 0, max: 30 });
  const version = fc.array(part, { minLength: 1, maxLength: 4 }).map((p) => p.join("."));
  const affix = fc.constantFrom("", "develop-", "nightly-", "v");
  const suffix = fc.constantFrom("", "-alpine", "-ls12", "-ls13", "-r1", "-beta", "");
  const tag = fc.tuple(affix, version, suffix).map(([a, v, s]) => `${a}${v}${s}`);
  fc.assert(
    fc.property(tag, fc.array(fc.oneof(tag, fc.constantFrom("latest", "develop", "x-y"))), (cur, tags) => {
      const got = pickCandidate(cur, tags);
      if (got === null) return;
      const a = parseTag(cur)!;
      const b = parseTag(got.tag)!;
      assert.equal(b.prefix, a.prefix);
      assert.equal(b.suffix, a.suffix);
      assert.equal(b.release.length, a.release.length);
      assert.notEqual(kindBetween(a, b), null);
      for (const other of tags) {
        const o = parseTag(other);
        if (o && o.prefix === a.prefix && o.suffix === a.suffix && o.release.length === a.release.length) {
          assert.ok(kindBetween(b, o) === null, `${other} is newer than the pick ${got.tag}`);
        }
      }
    }),
  );
});
