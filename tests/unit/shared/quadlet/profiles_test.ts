import assert from "node:assert/strict";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import type { ConvertOptions } from "../../../../shared/quadlet/types.ts";

const COMPOSE = `services:
  app:
    image: docker.io/library/x
    network_mode: none
  admin:
    image: docker.io/library/x
    network_mode: none
    profiles: [admin]
  debug:
    image: docker.io/library/x
    network_mode: none
    profiles: [debug, admin]
`;

function converted(options: ConvertOptions, env: Record<string, string> = {}): string[] {
  const r = convertCompose({ compose: COMPOSE, projectDir: "/srv/app", env }, options);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  return r.value.units.map((u) => u.source);
}

Deno.test("convertCompose() converts services of the profiles option, else of COMPOSE_PROFILES", () => {
  assert.deepEqual(converted({}), ["app"]);
  assert.deepEqual(converted({}, { COMPOSE_PROFILES: "debug" }), ["app", "debug"]);
  assert.deepEqual(converted({ profiles: ["admin"] }, { COMPOSE_PROFILES: "debug" }), [
    "app",
    "admin",
    "debug",
  ]);
  assert.deepEqual(converted({ profiles: ["*"] }), ["app", "admin", "debug"]);
  assert.deepEqual(converted({ profiles: [] }, { COMPOSE_PROFILES: "debug" }), ["app"]);
});

Deno.test("convertCompose() refuses a required dependency on a service whose profiles are not active", () => {
  const r = convertCompose({
    compose: `services:
  app:
    image: docker.io/library/x
    depends_on: [db]
  db:
    image: docker.io/library/postgres
    profiles: [db]
`,
    projectDir: "/srv/app",
  });
  assert.ok(!r.ok);
  assert.deepEqual(r.error, {
    file: "compose.yaml",
    service: "app",
    key: "depends_on.db",
    message: 'Cannot depend on "db": service "db" is left out, since its profiles "db" are not active',
  });
});
