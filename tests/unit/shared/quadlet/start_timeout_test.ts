import assert from "node:assert/strict";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import type { ConvertOptions } from "../../../../shared/quadlet/types.ts";

const COMPOSE = `services:
  pulls:
    image: docker.io/library/x
    network_mode: none
  never:
    image: docker.io/library/x
    network_mode: none
    pull_policy: never
  local:
    image: localhost/app:1
    network_mode: none
`;

function timeouts(options: ConvertOptions): Record<string, string | undefined> {
  const r = convertCompose({ compose: COMPOSE, projectDir: "/srv/app" }, options);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  return Object.fromEntries(
    r.value.units.map((u) => [u.source, /^TimeoutStartSec=(.*)$/m.exec(u.text)?.[1]]),
  );
}

Deno.test("convertCompose() gives TimeoutStartSec= only to units that may pull their image", () => {
  assert.deepEqual(timeouts({}), { pulls: "900", never: undefined, local: undefined });
  assert.deepEqual(timeouts({ startTimeoutSec: 120 }), { pulls: "120", never: undefined, local: undefined });
  assert.deepEqual(timeouts({ startTimeoutSec: 0 }), {
    pulls: undefined,
    never: undefined,
    local: undefined,
  });
});

Deno.test("convertCompose() rejects a start timeout that is not whole seconds", () => {
  const r = convertCompose({ compose: COMPOSE, projectDir: "/srv/app" }, { startTimeoutSec: 1.5 });
  assert.ok(!r.ok);
  assert.equal(r.error.message, "Cannot use start timeout 1.5: expected whole seconds, 0 or more");
});
