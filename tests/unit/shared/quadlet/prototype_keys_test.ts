import assert from "node:assert/strict";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";

// Names that exist on Object.prototype: a table lookup by a compose key must not find them there.
const PROTO_NAMES = ["valueOf", "constructor", "toString", "hasOwnProperty", "__proto__", "isPrototypeOf"];

function convert(compose: string) {
  return convertCompose({ compose, projectDir: "/srv/app" }, { podmanVersion: "4.9" });
}

Deno.test("convertCompose() reports Object.prototype names as unknown service keys", () => {
  for (const name of PROTO_NAMES) {
    const r = convert(`services:\n  a:\n    image: busybox\n    ${JSON.stringify(name)}: []\n`);
    assert.ok(r.ok, `${name}: ${JSON.stringify(!r.ok && r.error)}`);
    assert.deepEqual(
      r.value.report.unsupported.map((u) => [u.service, u.key]),
      [["a", name]],
      name,
    );
  }
});

Deno.test("convertCompose() handles Object.prototype names as top-level, network and volume keys", () => {
  for (const name of PROTO_NAMES) {
    const key = JSON.stringify(name);
    const r = convert(
      `services:\n  a:\n    image: busybox\n    networks: [n]\n    volumes: ["v:/data"]\n` +
        `networks:\n  n:\n    ${key}: 1\nvolumes:\n  v:\n    ${key}: 1\n${key}: 1\n`,
    );
    if (r.ok) {
      assert.ok(r.value.units.some((u) => u.fileName === "a.container"), name);
    } else {
      assert.match(r.error.message, /^[A-Z]/, name);
    }
  }
});

Deno.test("convertCompose() refuses references to services named like Object.prototype members", () => {
  for (const name of PROTO_NAMES) {
    for (
      const ref of [
        `depends_on: [${JSON.stringify(name)}]`,
        `network_mode: ${JSON.stringify(`service:${name}`)}`,
      ]
    ) {
      const r = convert(`services:\n  a:\n    image: busybox\n    ${ref}\n`);
      if (r.ok) {
        assert.ok(!r.value.units.some((u) => u.text.includes(`${name}.service`)), `${name} / ${ref}`);
      } else {
        assert.match(r.error.message, /^[A-Z]/, `${name} / ${ref}`);
        assert.doesNotMatch(
          r.error.message,
          /is not a function|Cannot convert undefined/,
          `${name} / ${ref}`,
        );
      }
    }
  }
});
