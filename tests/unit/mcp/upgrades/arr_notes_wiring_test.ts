import assert from "node:assert/strict";
import { ok } from "../../../../shared/result.ts";
import { startRegistryFake } from "../../../fakes/registry_fake.ts";
import { startFakeArr } from "../../../fakes/arr_fake.ts";
import { memoryMediaServices } from "../../../integration/_support/memory_media_services.ts";
import { unavailableRuntime } from "../../../../mcp/clients/runtime/unavailable.ts";
import { upgradeServiceOf } from "../../../../mcp/upgrades/upgrade_tools.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";

const digest = (c: string) => `sha256:${c.repeat(64)}`;

Deno.test("upgradeServiceOf() reads a configured Sonarr's update list when the media services are wired in", async () => {
  await using registry = startRegistryFake();
  await using sonarr = startFakeArr({
    app: "sonarr",
    apiKey: "k",
    version: "4.0.14.2939",
    updates: [{ version: "4.0.15.2941", releaseDate: "2026-11-10T10:00:00Z", new: ["Removed the v2 API"] }],
  });
  const host = new URL(registry.url).host;
  registry.repos.set(
    "linuxserver/sonarr",
    new Map([["4.0.14.2939-ls278", digest("1")], ["4.0.15.2941-ls280", digest("2")]]),
  );
  const runtime = {
    ...unavailableRuntime(),
    list: () =>
      Promise.resolve(ok([{
        id: "0123456789ab",
        name: "sonarr",
        image: `${host}/linuxserver/sonarr:4.0.14.2939-ls278`,
        imageId: "",
        state: "running",
        status: "",
        created: "2026-11-01T00:00:00Z",
        labels: {},
        composeProject: null,
        ports: [],
      }])),
  };
  const config = testConfig({ registryInsecure: [host] });
  const withMedia = testDeps({
    fetch,
    runtime,
    config,
    media: memoryMediaServices({ SONARR_URL: sonarr.url, SONARR_API_KEY: "k" }),
  });
  const listed = await upgradeServiceOf(withMedia).list(false);
  assert.ok(listed.ok);
  assert.deepEqual(listed.value.upgrades[0]?.notes, {
    source: "arr",
    url: "",
    summary: "Sonarr 4.0.14.2939 → 4.0.15.2941: 1 new, 0 fixed\nNew: Removed the v2 API",
  });

  // Without media services (another runtime client, so another service): no app notes.
  const without = await upgradeServiceOf(testDeps({ fetch, runtime: { ...runtime }, config })).list(false);
  assert.ok(without.ok);
  assert.deepEqual(without.value.upgrades[0]?.notes, { source: "", url: "", summary: "" });
});
