import assert from "node:assert/strict";
import { handlerFor, SERVICE_HANDLERS } from "../../../../shared/quadlet/container.ts";
import { countByKind, SERVICE_KEYS } from "../../../../shared/quadlet/key_table.ts";
import { atLeast, parseVersion, QUADLET_KEY_SINCE } from "../../../../shared/quadlet/versions.ts";

const KEYS_542 = await Deno.readTextFile(
  new URL("../../../fixtures/compose/quadlet-keys-5.4.2.txt", import.meta.url),
);

function keysOf(section: string): Set<string> {
  const line = KEYS_542.split("\n").find((l) => l.includes(`[${section}]:`)) ?? "";
  return new Set(line.split(":").slice(1).join(":").trim().split(/\s+/));
}

Deno.test("SERVICE_KEYS gives every converted key a handler and no handler lacks a table entry", () => {
  for (const [key, rule] of Object.entries(SERVICE_KEYS)) {
    if (rule.kind === "native" || rule.kind === "elsewhere" || rule.kind === "podman-args") {
      assert.ok(handlerFor(key), `no handler for "${key}"`);
    }
  }
  for (const key of Object.keys(SERVICE_HANDLERS)) {
    assert.ok(SERVICE_KEYS[key], `handler without table entry: ${key}`);
  }
});

Deno.test("SERVICE_KEYS native keys name quadlet keys that quadlet 5.4.2 knows", () => {
  const container = keysOf("Container");
  for (const [key, rule] of Object.entries(SERVICE_KEYS)) {
    if (rule.kind !== "native") continue;
    for (const q of rule.quadlet) {
      assert.ok(container.has(q) || q === "EnvironmentFile", `${key} → ${q} is not a 5.4.2 [Container] key`);
    }
  }
});

Deno.test("QUADLET_KEY_SINCE lists only keys quadlet 5.4.2 knows", () => {
  for (
    const [kind, section] of [["container", "Container"], ["network", "Network"], [
      "volume",
      "Volume",
    ]] as const
  ) {
    const known = keysOf(section);
    for (const key of Object.keys(QUADLET_KEY_SINCE[kind])) assert.ok(known.has(key), `${section}: ${key}`);
  }
});

Deno.test("countByKind() counts the keys of each rule kind", () => {
  assert.deepEqual(
    countByKind({
      image: { kind: "native", quadlet: ["Image"] },
      ports: { kind: "native", quadlet: ["PublishPort"] },
      init: { kind: "podman-args", flag: "--init" },
      restart: { kind: "elsewhere", where: "[Service]" },
      attach: { kind: "ignored", reason: "logs are always kept" },
      deploy: { kind: "unsupported", reason: "swarm" },
      scale: { kind: "unsupported", reason: "swarm" },
      gpus: { kind: "unsupported", reason: "use devices" },
    }),
    { native: 2, "podman-args": 1, elsewhere: 1, ignored: 1, unsupported: 3 },
  );
});

Deno.test("SERVICE_KEYS has the counts and the keys docs/convert.md states", async () => {
  const doc = await Deno.readTextFile(new URL("../../../../docs/convert.md", import.meta.url));
  const stated = (pattern: RegExp) => Number(pattern.exec(doc.replace(/\s+/g, " "))?.[1]);
  assert.deepEqual(countByKind(SERVICE_KEYS), {
    native: stated(/\*\*(\d+) native\*\*/),
    "podman-args": stated(/\*\*(\d+) `PodmanArgs=`\*\*/),
    elsewhere: stated(/\*\*(\d+) handled elsewhere\*\*/),
    ignored: stated(/\*\*(\d+) ignored\*\*/),
    unsupported: stated(/\*\*(\d+) unsupported\*\*/),
  });
  assert.equal(Object.keys(SERVICE_KEYS).length, stated(/\((\d+) service keys\)/));
  const kinds = (keys: string[]) => keys.map((k) => SERVICE_KEYS[k]?.kind);
  assert.deepEqual(kinds(["depends_on", "restart", "build"]), ["elsewhere", "elsewhere", "elsewhere"]);
  assert.deepEqual(kinds(["attach", "links"]), ["ignored", "ignored"]);
  // deploy (resources) and configs map to native keys; profiles and extends are resolved before conversion.
  assert.deepEqual(
    kinds(["deploy", "profiles", "extends", "configs", "scale"]),
    ["native", "elsewhere", "elsewhere", "native", "unsupported"],
  );
});

Deno.test("atLeast() compares dotted versions", () => {
  assert.ok(atLeast("4.9", "4.8"));
  assert.ok(atLeast("5.0", "5.0"));
  assert.ok(atLeast("5.4.2", "5.4"));
  assert.ok(!atLeast("4.9.3", "5.0"));
  assert.ok(!atLeast("4.10", "4.11"));
  assert.ok(atLeast("4.10", "4.9"));
  assert.deepEqual(parseVersion("v5.1"), [5, 1, 0]);
  assert.equal(parseVersion("five"), undefined);
});
