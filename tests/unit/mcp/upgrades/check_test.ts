import assert from "node:assert/strict";
import { startRegistryFake } from "../../../fakes/registry_fake.ts";
import { createRegistryClient } from "../../../../mcp/upgrades/registry/registry_client.ts";
import { checkUpgrades } from "../../../../mcp/upgrades/check.ts";
import type { ContainerImageFacts } from "../../../../mcp/upgrades/image_facts.ts";
import { managerOf } from "../../../../mcp/upgrades/manager.ts";

const digest = (c: string) => `sha256:${c.repeat(64)}`;

function facts(
  container: string,
  image: string,
  extra: Partial<ContainerImageFacts> = {},
): ContainerImageFacts {
  return {
    container,
    id: container,
    state: "running",
    image,
    imageId: "x",
    repoDigests: [],
    labels: {},
    imageLabels: {},
    ...extra,
  };
}

Deno.test("checkUpgrades() finds version, build and digest upgrades and says who manages each", async () => {
  await using fake = startRegistryFake();
  const host = new URL(fake.url).host;
  fake.repos.set(
    "linuxserver/sonarr",
    new Map([
      ["4.0.14.2939-ls278", digest("1")],
      ["4.0.14.2939-ls279", digest("2")],
      ["develop-4.0.18.2978-ls176", digest("3")],
      ["latest", digest("2")],
    ]),
  );
  fake.repos.set("arr/plain", new Map([["1.0.0", digest("4")], ["latest", digest("4")]]));
  const registry = createRegistryClient({ fetch, clock: { now: () => 0 }, insecure: [host] });
  const report = await checkUpgrades([
    facts("sonarr", `${host}/linuxserver/sonarr:4.0.14.2939-ls278`, {
      labels: { PODMAN_SYSTEMD_UNIT: "sonarr.service" },
      imageLabels: { "org.opencontainers.image.source": "https://github.com/linuxserver/docker-sonarr" },
    }),
    facts("sonarr-latest", `${host}/linuxserver/sonarr:latest`, {
      repoDigests: [`${host}/linuxserver/sonarr@${digest("1")}`],
      labels: { "io.podman.compose.project": "media", PODMAN_SYSTEMD_UNIT: "podman-compose@media.service" },
    }),
    facts("plain-current", `${host}/arr/plain:latest`, { repoDigests: [`${host}/arr/plain@${digest("4")}`] }),
    facts("local", "localhost/busybox:test"),
    facts("missing", `${host}/nobody/here:1.0`),
  ], registry);

  assert.deepEqual(report.upgrades.map((u) => [u.container, u.candidate.tag, u.kind, u.managed_by]), [
    ["sonarr", "4.0.14.2939-ls279", "build", "quadlet"],
    ["sonarr-latest", "latest", "digest", "compose"],
  ]);
  const [sonarr, latest] = report.upgrades;
  assert.equal(sonarr?.unit, "sonarr.service");
  assert.equal(sonarr?.candidate.digest, digest("2"));
  assert.equal(sonarr?.notes.source, "https://github.com/linuxserver/docker-sonarr");
  assert.equal(latest?.stack, "media");
  assert.deepEqual(latest?.current, { tag: "latest", digest: digest("1") });
  assert.deepEqual(report.errors.map((e) => e.container), ["missing"]);
});

Deno.test("checkUpgrades() raises the risk from the release notes it is given", async () => {
  await using fake = startRegistryFake();
  const host = new URL(fake.url).host;
  fake.repos.set("arr/app", new Map([["1.2.3", digest("1")], ["1.2.4", digest("2")]]));
  const registry = createRegistryClient({ fetch, clock: { now: () => 0 }, insecure: [host] });
  const seen: string[] = [];
  const report = await checkUpgrades(
    [facts("app", `${host}/arr/app:1.2.3`, {
      imageLabels: { "org.opencontainers.image.source": "https://github.com/o/app" },
    })],
    registry,
    (source, tag) => {
      seen.push(`${source} ${tag}`);
      return Promise.resolve({
        url: "https://github.com/o/app/releases/tag/1.2.4",
        body: "- Breaking: config moved",
      });
    },
  );
  assert.deepEqual(seen, ["https://github.com/o/app 1.2.4"]);
  assert.equal(report.upgrades[0]?.kind, "patch");
  assert.equal(report.upgrades[0]?.risk, "high");
  assert.equal(report.upgrades[0]?.notes.summary, "- Breaking: config moved");
});

Deno.test("managerOf() asks compose labels before PODMAN_SYSTEMD_UNIT", () => {
  assert.deepEqual(managerOf({}), { managedBy: "none" });
  assert.deepEqual(managerOf({ PODMAN_SYSTEMD_UNIT: "radarr.service" }), {
    managedBy: "quadlet",
    unit: "radarr.service",
  });
  assert.equal(managerOf({ PODMAN_SYSTEMD_UNIT: "podman-compose@x.service" }).managedBy, "none");
  assert.deepEqual(
    managerOf({ "com.docker.compose.project": "media", "com.docker.compose.service": "sonarr" }),
    {
      managedBy: "compose",
      stack: "media",
      service: "sonarr",
      workingDir: null,
    },
  );
});
