import assert from "node:assert/strict";
import { testbed } from "../../../testbed/testbed.ts";
import { convertFixture, FIXTURES, unitMap } from "./_fixture_stack.ts";
import { assertGeneratorAccepts, execStart } from "./quadlet_generator.ts";

for (const version of ["4.9", "5.4"]) {
  Deno.test(`arr stack converts to units the quadlet generator accepts (Podman ${version})`, async () => {
    const c = await convertFixture("arr-stack", { podmanVersion: version });
    assert.equal(c.stack, "media");
    assert.deepEqual(c.report.units, [
      "media-sonarr.container",
      "media-radarr.container",
      "media-prowlarr.container",
      "media-sabnzbd.container",
      "media-qbittorrent.container",
      "media-arr.network",
      "media-prowlarr-config.volume",
    ]);
    assert.deepEqual(c.report.unsupported, []);
    const run = await assertGeneratorAccepts(unitMap(c));
    const sonarr = execStart(run, "media-sonarr.service");
    assert.match(sonarr, /--name sonarr /);
    assert.match(sonarr, /--network media_arr /);
    assert.match(sonarr, /--env TZ=Europe\/Berlin/);
    assert.match(sonarr, new RegExp(`-v ${FIXTURES}arr-stack/config/sonarr:/config `));
    assert.match(sonarr, /-v \/media-server\/tv:\/tv /);
    assert.match(sonarr, /--health-cmd "curl -fsS http:\/\/localhost:8989\/ping"/);
    assert.match(run.services.get("media-sonarr.service") ?? "", /^Requires=media-prowlarr\.service$/m);
    assert.match(run.services.get("media-sonarr.service") ?? "", /^WantedBy=default\.target$/m);
    assert.match(execStart(run, "media-prowlarr.service"), /-v media_prowlarr-config:\/config /);
    assert.match(execStart(run, "media-sabnzbd.service"), /--publish 127\.0\.0\.1:8080:8080 /);
    assert.match(execStart(run, "media-sabnzbd.service"), /--tmpfs \/incomplete-downloads:size=2147483648 /);
    const qbit = execStart(run, "media-qbittorrent.service");
    assert.match(qbit, /--publish 6881:6881\/udp /);
    assert.match(qbit, /--env WEBUI_PORT=8081 /);
    assert.match(qbit, /--stop-timeout 30/);
    assert.match(execStart(run, "media-arr-network.service"), /podman network create --ignore media_arr$/);
  });
}

Deno.test("gluetun VPN pattern: qbittorrent runs in gluetun's network namespace after it is healthy", async (t) => {
  await t.step("Podman 4.9: Network=container:gluetun, explicit ordering, --sdnotify=healthy", async () => {
    const c = await convertFixture("gluetun");
    const units = unitMap(c);
    assert.match(units["qbittorrent.container"] ?? "", /^Network=container:gluetun$/m);
    const run = await assertGeneratorAccepts(units);
    const gluetun = execStart(run, "gluetun.service");
    assert.match(gluetun, /--cap-add net_admin /);
    assert.match(gluetun, /--device \/dev\/net\/tun:\/dev\/net\/tun /);
    assert.match(gluetun, /--publish 8080:8080 /);
    assert.match(gluetun, /--env WIREGUARD_ADDRESSES=10\.64\.222\.21\/32 /);
    assert.match(gluetun, /--health-cmd "\/gluetun-entrypoint healthcheck" /);
    assert.match(gluetun, /--sdnotify=healthy /);
    const qb = run.services.get("qbittorrent.service") ?? "";
    assert.match(execStart(run, "qbittorrent.service"), /--network container:gluetun /);
    assert.match(qb, /^Requires=gluetun\.service$/m);
    assert.match(qb, /^After=gluetun\.service$/m);
  });
  await t.step("Podman 5.4: Network=gluetun.container and Notify=healthy", async () => {
    const c = await convertFixture("gluetun", { podmanVersion: "5.4" });
    const units = unitMap(c);
    assert.match(units["qbittorrent.container"] ?? "", /^Network=gluetun\.container$/m);
    assert.match(units["gluetun.container"] ?? "", /^Notify=healthy$/m);
    const run = await assertGeneratorAccepts(units);
    assert.match(execStart(run, "qbittorrent.service"), /--network container:gluetun /);
    assert.match(execStart(run, "gluetun.service"), /--sdnotify=healthy /);
  });
  await t.step("a missing WireGuard key is an error naming the variable", async () => {
    const compose = await Deno.readTextFile(`${FIXTURES}gluetun/compose.yaml`);
    const { convertCompose } = await import("../../../../shared/quadlet/convert.ts");
    const r = convertCompose({ compose, projectDir: `${FIXTURES}gluetun` });
    assert.ok(!r.ok);
    assert.equal(r.error.service, "gluetun");
    assert.equal(r.error.variable, "WIREGUARD_PRIVATE_KEY");
  });
});

Deno.test("Plex with host networking and /dev/dri converts and validates", async () => {
  const c = await convertFixture("plex", {}, { PLEX_CLAIM: "claim-abc" });
  const run = await assertGeneratorAccepts(unitMap(c));
  const plex = execStart(run, "plex.service");
  assert.match(plex, /--network host /);
  assert.match(plex, /--device \/dev\/dri:\/dev\/dri /);
  assert.match(plex, /--env PLEX_CLAIM=claim-abc /);
  assert.match(plex, /--tmpfs \/transcode:size=4g /);
  assert.match(plex, /-v \/media-server\/movies:\/movies:ro /);
  assert.match(plex, /--group-add 44/);
  assert.match(
    plex,
    /--health-cmd "curl -fsS http:\/\/localhost:32400\/identity > \/dev\/null \|\| exit 1" /,
  );
});

Deno.test("podman-compose 1.3.0 accepts the realistic fixtures as valid compose", async (t) => {
  const tb = testbed();
  for (const name of ["arr-stack", "gluetun", "plex"]) {
    await t.step(name, async () => {
      const out = await new Deno.Command(`${tb.binDir}/podman-compose`, {
        args: ["-f", `${FIXTURES}${name}/compose.yaml`, "config"],
        cwd: `${FIXTURES}${name}`,
        stdout: "piped",
        stderr: "piped",
      }).output();
      const stdout = new TextDecoder().decode(out.stdout);
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
      assert.match(stdout, /services:/);
    });
  }
});
