import assert from "node:assert/strict";
import type { MigrationOperation, PlannedUnit } from "../../../../../mcp/quadlets/convert/migrate_plan.ts";
import {
  mountTargets,
  type SeenContainer,
  verifyMigration,
} from "../../../../../mcp/quadlets/convert/migrate_verify.ts";

const VOL = "/storage/volumes/site_data/_data";
const WEB_UNIT: PlannedUnit = {
  file: "site-web.container",
  text: "[Container]\nImage=x\nVolume=site-data.volume:/data\nVolume=/srv/conf:/etc/conf:ro\nVolume=/cache\n",
  sha256: "",
  previousSha256: null,
  service: { unit: "site-web.service", compose: "web", oneshot: false },
};
const INIT_UNIT: PlannedUnit = {
  ...WEB_UNIT,
  file: "site-init.container",
  text: "[Container]\nImage=x\n",
  service: { unit: "site-init.service", compose: "init", oneshot: true },
};
const OP: Pick<MigrationOperation, "units" | "containers"> = {
  units: [
    { ...WEB_UNIT, file: "site-data.volume", text: "[Volume]\nVolumeName=site_data\n", service: null },
    WEB_UNIT,
  ],
  containers: [{
    id: "a",
    name: "site_web_1",
    service: "web",
    running: true,
    mounts: [{ source: VOL, destination: "/data" }, { source: "/srv/conf", destination: "/etc/conf" }],
  }],
};

function web(overrides: Partial<SeenContainer> = {}): SeenContainer {
  return {
    name: "systemd-site-web",
    state: "running",
    exitCode: null,
    labels: { PODMAN_SYSTEMD_UNIT: "site-web.service" },
    mounts: [
      { source: VOL, destination: "/data" },
      { source: "/srv/conf", destination: "/etc/conf" },
      { source: "/storage/volumes/0f3a/_data", destination: "/cache" },
    ],
    ...overrides,
  };
}

Deno.test("mountTargets() lists the targets mounted from a volume or host path, not anonymous ones", () => {
  assert.deepEqual(mountTargets(WEB_UNIT), ["/data", "/etc/conf"]);
});

Deno.test("verifyMigration() passes a running container under its unit with compose's volumes", () => {
  const r = verifyMigration(OP, [web()]);
  assert.deepEqual(r, {
    ok: true,
    value: "1 container(s) run under their units with the volumes compose used",
  });
});

Deno.test("verifyMigration() names every problem", async (t) => {
  const cases: Array<[string, SeenContainer[], string]> = [
    ["no container", [], "site-web.service: no container runs under it"],
    [
      "only the compose container (podman-compose's own label)",
      [web({ labels: { PODMAN_SYSTEMD_UNIT: "podman-compose@site.service" } })],
      "site-web.service: no container runs under it",
    ],
    [
      "exited",
      [web({ state: "exited", exitCode: 1 })],
      "site-web.service: its container systemd-site-web is exited",
    ],
    [
      "a volume missing",
      [web({ mounts: [{ source: "/srv/conf", destination: "/etc/conf" }] })],
      "site-web.service: systemd-site-web mounts nothing at /data",
    ],
    [
      "another volume",
      [web({
        mounts: [{ source: "/storage/volumes/web_data/_data", destination: "/data" }, web().mounts[1]!],
      })],
      `site-web.service: systemd-site-web mounts /storage/volumes/web_data/_data at /data, compose mounted ${VOL}`,
    ],
  ];
  for (const [name, seen, problem] of cases) {
    await t.step(name, () => assert.deepEqual(verifyMigration(OP, seen), { ok: false, error: problem }));
  }
});

Deno.test("verifyMigration() accepts a one-shot unit that exited 0, and checks only presence without compose", () => {
  const op = { units: [INIT_UNIT, WEB_UNIT], containers: [] };
  const init = web({
    name: "systemd-site-init",
    state: "exited",
    exitCode: 0,
    labels: { PODMAN_SYSTEMD_UNIT: "site-init.service" },
  });
  const other = web({ mounts: [{ source: "/elsewhere", destination: "/data" }, web().mounts[1]!] });
  assert.equal(verifyMigration(op, [init, other]).ok, true);
  assert.equal(verifyMigration(op, [{ ...init, exitCode: 2 }, other]).ok, false);
});
