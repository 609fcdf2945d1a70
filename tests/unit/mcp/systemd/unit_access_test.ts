import assert from "node:assert/strict";
import { quadletServiceName } from "../../../../shared/quadlet/service_name.ts";
import { checkUnitAccess, managedUnits } from "../../../../mcp/systemd/unit_access.ts";

const facts = {
  quadlets: [
    { name: "sonarr", type: "container" as const },
    { name: "media", type: "network" as const },
    { name: "config", type: "volume" as const },
    { name: "arr", type: "pod" as const },
    { name: "plex", type: "kube" as const },
  ],
  allowList: ["backup.timer"],
};

Deno.test("quadletServiceName() follows the generator's naming per unit type", () => {
  assert.equal(quadletServiceName("sonarr", "container"), "sonarr.service");
  assert.equal(quadletServiceName("plex", "kube"), "plex.service");
  assert.equal(quadletServiceName("media", "network"), "media-network.service");
  assert.equal(quadletServiceName("config", "volume"), "config-volume.service");
  assert.equal(quadletServiceName("arr", "pod"), "arr-pod.service");
  assert.equal(quadletServiceName("app", "build"), "app-build.service");
  assert.equal(quadletServiceName("base", "image"), "base-image.service");
});

Deno.test("managedUnits() lists the quadlets' services and the allow-list", () => {
  assert.deepEqual(managedUnits(facts), [
    "arr-pod.service",
    "backup.timer",
    "config-volume.service",
    "media-network.service",
    "plex.service",
    "sonarr.service",
  ]);
});

Deno.test("checkUnitAccess() allows owned and allow-listed units only", () => {
  assert.equal(checkUnitAccess("sonarr.service", facts).ok, true);
  assert.equal(checkUnitAccess("backup.timer", facts).ok, true);
  const other = checkUnitAccess("ssh-agent.service", facts);
  assert.equal(other.ok, false);
  assert.match(other.ok ? "" : other.error, /not a service of one of your quadlets.*ARR_SYSTEMD_UNITS/);
});

Deno.test("checkUnitAccess() refuses special units even when allow-listed", () => {
  const r = checkUnitAccess("exit.target", { quadlets: [], allowList: ["exit.target"] });
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.error, /special unit/);
});
