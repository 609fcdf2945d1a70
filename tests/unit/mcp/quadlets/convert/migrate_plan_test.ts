import assert from "node:assert/strict";
import fc from "fast-check";
import { canonicalJson } from "../../../../../mcp/core/confirm.ts";
import { convertCompose } from "../../../../../shared/quadlet/convert.ts";
import type { QuadletUnit } from "../../../../../shared/quadlet/types.ts";
import { sha256Hex } from "../../../../../shared/encoding.ts";
import {
  type ComposeContainer,
  type MigrationFacts,
  planMigration,
} from "../../../../../mcp/quadlets/convert/migrate_plan.ts";

const COMPOSE = `services:
  web:
    image: docker.io/library/nginx:1
    volumes: [data:/data, ./conf:/etc/conf:ro]
  debug:
    image: docker.io/library/busybox:1
    profiles: [debug]
volumes:
  data: {}
`;

function convert(compose = COMPOSE): QuadletUnit[] {
  const r = convertCompose({ compose, projectDir: "/stacks/site" }, {
    stack: "site",
    projectName: "site",
    podmanVersion: "5.4",
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.units;
}

const WEB: ComposeContainer = {
  id: "a".repeat(64),
  name: "site_web_1",
  service: "web",
  running: true,
  mounts: [{ source: "/var/lib/containers/storage/volumes/site_data/_data", destination: "/data" }],
};
const DEBUG: ComposeContainer = {
  id: "b".repeat(64),
  name: "site_debug_1",
  service: "debug",
  running: false,
  mounts: [],
};

function facts(overrides: Partial<MigrationFacts> = {}): MigrationFacts {
  return {
    stack: "site",
    dir: "/stacks/site",
    project: "site",
    units: convert(),
    installed: new Map(),
    sources: { "/stacks/site/compose.yaml": COMPOSE },
    containers: [WEB, DEBUG],
    skipped: [{ service: "debug", reason: 'profiles "debug" not active' }],
    unsupported: [],
    warnings: [],
    validation: { validated_by: "arr-helper", generator: "quadlet 5.4.2", ok: true, messages: [] },
    ...overrides,
  };
}

Deno.test("planMigration() binds the sources, the units in install order, and the containers compose runs", () => {
  const r = planMigration(facts());
  assert.ok(r.ok, JSON.stringify(r));
  const op = r.value.operation;
  assert.deepEqual(op.units.map((u) => u.file), [
    "site-default.network",
    "site-data.volume",
    "site-web.container",
  ]);
  assert.deepEqual(op.units.map((u) => u.service), [null, null, {
    unit: "site-web.service",
    compose: "web",
    oneshot: false,
  }]);
  for (const u of op.units) assert.equal(u.sha256, sha256Hex(u.text));
  assert.deepEqual(op.sources, [{ path: "/stacks/site/compose.yaml", sha256: sha256Hex(COMPOSE) }]);
  assert.deepEqual(op.volumes, ["site_data"]);
  assert.equal(op.composeWasUp, true);
  assert.deepEqual(op.containers.map((c) => c.name), ["site_debug_1", "site_web_1"]);
  assert.equal(r.value.needsConfirmation, true);
  const d = r.value.details as Record<string, unknown>;
  assert.deepEqual(d.not_migrated, ["site_debug_1"]);
  assert.deepEqual(d.volumes_carried_over, ["site_data"]);
  assert.match(r.value.summary, /stop its 1 running compose container\(s\) \(volumes kept\), start 1 unit/);
  assert.ok(!JSON.stringify(r.value.details).includes("nginx"), "the preview shows no unit content");
});

Deno.test("planMigration() pins the unit each one replaces, and compose that was not running", () => {
  const installed = new Map([["site-web.container", "[Container]\nImage=old\n"]]);
  const r = planMigration(facts({ installed, containers: [{ ...WEB, running: false }] }));
  assert.ok(r.ok);
  const web = r.value.operation.units.find((u) => u.file === "site-web.container");
  assert.equal(web?.previousSha256, sha256Hex("[Container]\nImage=old\n"));
  assert.equal(r.value.operation.units.filter((u) => u.previousSha256 !== null).length, 1);
  assert.equal(r.value.operation.composeWasUp, false);
});

Deno.test("planMigration() changes its operation when any source, unit or container changes", () => {
  const base = JSON.stringify(planMigration(facts()));
  const changed = [
    facts({ sources: { "/stacks/site/compose.yaml": `${COMPOSE}\n` } }),
    facts({ sources: { "/stacks/site/compose.yaml": COMPOSE, "/stacks/site/.env": "A=1\n" } }),
    facts({ units: convert(COMPOSE.replace("nginx:1", "nginx:2")) }),
    facts({ containers: [{ ...WEB, id: "c".repeat(64) }, DEBUG] }),
    facts({ containers: [{ ...WEB, mounts: [] }, DEBUG] }),
  ];
  for (const f of changed) {
    const r = planMigration(f);
    assert.ok(r.ok);
    assert.notEqual(JSON.stringify(r.value.operation), JSON.stringify(JSON.parse(base).value.operation));
  }
});

Deno.test("planMigration() refuses what the generator rejects, and a stack without containers", () => {
  const rejected = planMigration(facts({
    validation: { validated_by: "local", generator: "/q", ok: false, messages: ["unsupported key 'X'"] },
  }));
  assert.equal(rejected.ok, false);
  assert.equal(rejected.ok ? "" : rejected.error.kind, "invalid_units");
  assert.match(rejected.ok ? "" : rejected.error.message, /Nothing was changed\.\nunsupported key 'X'/);
  const noValidator = planMigration(facts({
    validation: { validated_by: null, generator: null, ok: null, messages: ["Not validated"] },
  }));
  assert.equal(noValidator.ok, true);
  const volumesOnly = planMigration(facts({ units: convert().filter((u) => u.kind !== "container") }));
  assert.equal(volumesOnly.ok ? "" : volumesOnly.error.kind, "invalid_compose");
});

Deno.test("planMigration() binds any two different contents of a source file to different operations", () => {
  fc.assert(
    fc.property(
      fc.string(),
      fc.string(),
      fc.constantFrom("compose.yaml", ".env", "vpn.env"),
      (a, b, file) => {
        fc.pre(a !== b);
        const op = (text: string) => {
          const r = planMigration(
            facts({ sources: { "/stacks/site/compose.yaml": COMPOSE, [`/stacks/site/${file}`]: text } }),
          );
          assert.ok(r.ok);
          return canonicalJson(r.value.operation);
        };
        assert.notEqual(op(a), op(b));
      },
    ),
  );
});
