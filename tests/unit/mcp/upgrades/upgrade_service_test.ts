import assert from "node:assert/strict";
import { ok } from "../../../../shared/result.ts";
import { startRegistryFake } from "../../../fakes/registry_fake.ts";
import { startGithubFake } from "../../../fakes/github_fake.ts";
import { createRegistryClient } from "../../../../mcp/upgrades/registry/registry_client.ts";
import { createGithubNotes } from "../../../../mcp/upgrades/github_notes.ts";
import { createUpgradeService } from "../../../../mcp/upgrades/upgrade_service.ts";
import { parseConfig } from "../../../../mcp/core/config.ts";

const digest = (c: string) => `sha256:${c.repeat(64)}`;

Deno.test("upgrade service: registry candidate + GitHub release notes → risk and a plan", async () => {
  await using registry = startRegistryFake();
  await using gh = startGithubFake();
  const host = new URL(registry.url).host;
  registry.repos.set(
    "linuxserver/sonarr",
    new Map([["4.0.14.2939-ls278", digest("1")], ["4.0.15.2941-ls280", digest("2")]]),
  );
  gh.releases.set("linuxserver/docker-sonarr", [{
    tag_name: "4.0.15.2941-ls280",
    body: "**Action required:** the config folder moved\n- Other fixes",
  }]);
  const clock = { now: () => Date.UTC(2026, 11, 2) };
  const service = createUpgradeService({
    registry: createRegistryClient({ fetch, clock, insecure: [host] }),
    notes: createGithubNotes({ fetch, clock, apiUrl: gh.url }),
    clock,
    stacksDir: "/opt/stacks",
    readFacts: () =>
      Promise.resolve(ok([{
        container: "sonarr",
        id: "0123456789abcdef",
        state: "running",
        image: `${host}/linuxserver/sonarr:4.0.14.2939-ls278`,
        imageId: "abc",
        repoDigests: [`${host}/linuxserver/sonarr@${digest("1")}`],
        labels: { PODMAN_SYSTEMD_UNIT: "sonarr.service" },
        imageLabels: { "org.opencontainers.image.source": "https://github.com/linuxserver/docker-sonarr" },
      }])),
  });
  const list = await service.list(false);
  assert.ok(list.ok);
  assert.equal(list.value.checked_at, "2026-12-02T00:00:00.000Z");
  const [u] = list.value.upgrades;
  assert.deepEqual([u?.kind, u?.risk, u?.notes.url], [
    "patch",
    "high",
    "https://github.com/linuxserver/docker-sonarr/releases/tag/4.0.15.2941-ls280",
  ]);
  assert.match(u?.notes.summary ?? "", /Action required/);
  const plan = await service.plan("sonarr");
  assert.ok(plan.ok);
  assert.equal(plan.value.steps[0]?.command, `podman pull ${host}/linuxserver/sonarr@${digest("2")}`);
  const missing = await service.plan("nobody");
  assert.equal(!missing.ok && missing.error.kind, "not_found");
});

Deno.test("config: ARR_REGISTRY_INSECURE, ARR_GITHUB_API_URL, GITHUB_TOKEN, ARR_UPGRADE_CHECK_INTERVAL_H", () => {
  const host = { uid: 1000, home: "/home/t" };
  const parsed = parseConfig({
    ARR_REGISTRY_INSECURE: "127.0.0.1:5000, registry.lan",
    ARR_GITHUB_API_URL: "http://127.0.0.1:9/api",
    GITHUB_TOKEN: "ghp_x",
  }, host);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.registryInsecure, ["127.0.0.1:5000", "registry.lan"]);
  assert.equal(parsed.value.githubApiUrl, "http://127.0.0.1:9/api");
  assert.equal(parsed.value.githubToken, "ghp_x");
  const bad = parseConfig({ ARR_REGISTRY_INSECURE: "http://x/" }, host);
  assert.match(!bad.ok ? bad.error : "", /Invalid ARR_REGISTRY_INSECURE/);
  assert.equal(parseConfig({ ARR_GITHUB_API_URL: "ftp://x" }, host).ok, false);
  const every = parseConfig({ ARR_UPGRADE_CHECK_INTERVAL_H: "12" }, host);
  assert.equal(every.ok && every.value.upgradeCheckIntervalH, 12);
  for (const bad of ["0", "1.5", "169", "daily"]) {
    const r = parseConfig({ ARR_UPGRADE_CHECK_INTERVAL_H: bad }, host);
    assert.match(!r.ok ? r.error : "", /Invalid ARR_UPGRADE_CHECK_INTERVAL_H/, bad);
  }
});

Deno.test("config: ARR_UPGRADE_HEALTH_GATE_S takes whole seconds from 1 to 3600", () => {
  const host = { uid: 1000, home: "/home/t" };
  const set = parseConfig({ ARR_UPGRADE_HEALTH_GATE_S: "90" }, host);
  assert.equal(set.ok && set.value.upgradeHealthGateS, 90);
  const unset = parseConfig({}, host);
  assert.equal(unset.ok && unset.value.upgradeHealthGateS, undefined);
  for (const bad of ["0", "2.5", "3601", "soon"]) {
    const r = parseConfig({ ARR_UPGRADE_HEALTH_GATE_S: bad }, host);
    assert.match(!r.ok ? r.error : "", /Invalid ARR_UPGRADE_HEALTH_GATE_S/, bad);
  }
});
