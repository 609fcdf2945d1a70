import assert from "node:assert/strict";
import {
  COMPOSE_FILE_NAMES,
  type EntryKind,
  pickComposeFile,
  QUADLET_NAME_PATTERN,
  quadletFilePattern,
  STACK_NAME_PATTERN,
  UNIT_NAME_PATTERN,
} from "../../../shared/names.ts";

function kinds(entries: Record<string, EntryKind>) {
  return (name: string) => entries[name] ?? null;
}

Deno.test("COMPOSE_FILE_NAMES holds the four names podman-compose looks for, in its order", async () => {
  // podman-compose's own list (the testbed unpacks the Debian package): the shared names, in that order.
  const source = await Deno.readTextFile(
    `${Deno.env.get("ARR_TESTBED_DIR") ?? "/var/tmp/arr-mcp-testbed"}/trixie/usr/lib/python3/dist-packages/` +
      "podman_compose.py",
  ).catch(() => null);
  if (source !== null) {
    const list = /COMPOSE_DEFAULT_LS = \[([^\]]*)\]/.exec(source)?.[1] ?? "";
    const theirs = [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]).filter((n) =>
      (COMPOSE_FILE_NAMES as readonly string[]).includes(n ?? "")
    );
    assert.deepEqual(theirs, [...COMPOSE_FILE_NAMES]);
  }
  assert.deepEqual(
    [...COMPOSE_FILE_NAMES].sort(),
    ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"],
  );
});

Deno.test("pickComposeFile() takes the first name present in podman-compose's order", () => {
  assert.deepEqual(pickComposeFile(kinds({ "docker-compose.yaml": "file" })), {
    name: "docker-compose.yaml",
    kind: "file",
  });
  assert.deepEqual(
    pickComposeFile(kinds({ "docker-compose.yaml": "file", "docker-compose.yml": "file" })),
    { name: "docker-compose.yml", kind: "file" },
  );
  assert.deepEqual(
    pickComposeFile(kinds({ "compose.yml": "file", "docker-compose.yml": "file" }))?.name,
    "compose.yml",
  );
  assert.equal(pickComposeFile(kinds({ "other.yaml": "file" })), null);
});

Deno.test("pickComposeFile() keeps a symlinked first name as the stack's file instead of skipping it", () => {
  assert.deepEqual(pickComposeFile(kinds({ "compose.yaml": "symlink", "compose.yml": "file" })), {
    name: "compose.yaml",
    kind: "symlink",
  });
});

Deno.test("STACK_NAME_PATTERN accepts letters, digits, _ and -, not starting with _ or -", () => {
  for (const ok of ["media", "Arr-2", "a_b", "9"]) assert.ok(STACK_NAME_PATTERN.test(ok), ok);
  for (const bad of ["", "-x", "_x", "a/b", "..", "a.b", "a b", "ä"]) {
    assert.ok(!STACK_NAME_PATTERN.test(bad), bad);
  }
});

Deno.test("UNIT_NAME_PATTERN and QUADLET_NAME_PATTERN accept unit and quadlet names, nothing that moves", () => {
  for (const ok of ["sonarr.service", "backup@daily.timer", "a:b.socket"]) {
    assert.ok(UNIT_NAME_PATTERN.test(ok), ok);
  }
  for (const bad of ["sonarr", "-x.service", "../x.service", "x.container"]) {
    assert.ok(!UNIT_NAME_PATTERN.test(bad), bad);
  }
  for (const ok of ["web", "arr-web.1", "x@y"]) assert.ok(QUADLET_NAME_PATTERN.test(ok), ok);
  for (const bad of ["", ".web", "a/b", "a b"]) assert.ok(!QUADLET_NAME_PATTERN.test(bad), bad);
});

Deno.test("quadletFilePattern() matches NAME.TYPE for the given types only", () => {
  const p = quadletFilePattern(["container", "network"]);
  assert.ok(p.test("arr-web.container"));
  assert.ok(p.test("arr.network"));
  assert.ok(!p.test("arr.volume"));
  assert.ok(!p.test(".arr.container"));
  assert.ok(!p.test("a/b.container"));
});
