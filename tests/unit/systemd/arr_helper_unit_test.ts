/**
 * systemd/arr-helper.service runs rootless Podman (through podman-compose): the sandboxing options that break it
 * must stay out (the unit's header says why for each), and the settings it relies on must stay in.
 */
import assert from "node:assert/strict";

const UNIT = new URL("../../../systemd/arr-helper.service", import.meta.url).pathname;

/** `Key=value` lines of the unit (comments and sections left out). */
function settings(text: string): Array<[string, string]> {
  return text.split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#") && !l.startsWith(";") && !l.startsWith("["))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]);
}

/** Each breaks rootless Podman in a user unit: NNP (newuidmap), seccomp (implies NNP), mount ns (PrivateUsers). */
const BREAKS_ROOTLESS_PODMAN = [
  "NoNewPrivileges",
  "RestrictNamespaces",
  "PrivateUsers",
  "RestrictAddressFamilies",
  "SystemCallArchitectures",
  "SystemCallFilter",
  "LockPersonality",
  "RestrictRealtime",
  "RestrictSUIDSGID",
  "MemoryDenyWriteExecute",
  "ProtectSystem",
  "ProtectHome",
  "PrivateTmp",
  "PrivateDevices",
  "ReadWritePaths",
  "ReadOnlyPaths",
  "ProtectKernelTunables",
  "ProtectKernelModules",
  "ProtectControlGroups",
  "CapabilityBoundingSet",
];

Deno.test("arr-helper.service sets no sandboxing option that breaks rootless Podman in a user unit", async () => {
  const keys = settings(await Deno.readTextFile(UNIT)).map(([k]) => k);
  assert.deepEqual(keys.filter((k) => BREAKS_ROOTLESS_PODMAN.includes(k)), []);
});

Deno.test("arr-helper.service keeps its private runtime folder, keyring, umask, and stops only its own process", async () => {
  const map = new Map(settings(await Deno.readTextFile(UNIT)));
  assert.equal(map.get("RuntimeDirectory"), "arr-helper");
  assert.equal(map.get("RuntimeDirectoryMode"), "0700");
  assert.equal(map.get("UMask"), "0077");
  assert.equal(map.get("KeyringMode"), "private");
  // Not control-group: where Podman falls back to cgroupfs, the stacks' conmon and containers sit in this unit's
  // cgroup, and a helper restart would kill them (tests/integration/systemd/systemd_user_real_test.ts).
  assert.equal(map.get("KillMode"), "process");
  assert.equal(map.get("ExecStart"), "/bin/sh /opt/arr-mcp/helper/start.sh");
});
