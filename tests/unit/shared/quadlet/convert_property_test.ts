import assert from "node:assert/strict";
import fc from "fast-check";
import { stringify } from "yaml";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import { SERVICE_KEYS } from "../../../../shared/quadlet/key_table.ts";

function checkOutcome(compose: string): void {
  const r = convertCompose({ compose, projectDir: "/srv/app" }, { podmanVersion: "4.9" });
  if (!r.ok) {
    assert.equal(r.error.file, "compose.yaml");
    assert.ok(r.error.message.length > 0);
    assert.match(r.error.message, /^[A-Z]/);
    return;
  }
  const { units, report } = r.value;
  assert.ok(units.length > 0 || report.unsupported.length > 0 || report.skipped.length > 0);
  for (const u of r.value.units) assert.match(u.text, /^\[(Unit|Container|Network|Volume)\]/);
  for (const u of r.value.report.unsupported) assert.ok(typeof u.key === "string" && u.reason.length > 0);
}

Deno.test("convertCompose() never throws on arbitrary text", () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), checkOutcome), { numRuns: 300 });
});

const knownKey = fc.constantFrom(...Object.keys(SERVICE_KEYS));
const anyKey = fc.oneof(knownKey, knownKey, fc.string({ maxLength: 12 }));
const service = fc.dictionary(anyKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 });

Deno.test("convertCompose() gives units or a structured error for random service maps", () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), service, { minKeys: 1, maxKeys: 4 }),
      fc.boolean(),
      (services, withImage) => {
        for (const svc of Object.values(services)) if (withImage) svc["image"] = "busybox";
        checkOutcome(stringify({ services }).replaceAll("$", "$$$$"));
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("convertCompose() never throws on random top-level documents", () => {
  fc.assert(
    fc.property(
      fc.dictionary(
        fc.constantFrom("services", "networks", "volumes", "secrets", "name", "x-a"),
        fc.jsonValue(),
      ),
      (doc) => {
        checkOutcome(stringify(doc).replaceAll("$", "$$$$"));
      },
    ),
    { numRuns: 300 },
  );
});
