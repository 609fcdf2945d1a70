import assert from "node:assert/strict";
import { Ajv } from "ajv";
import { ok } from "../../../../shared/result.ts";
import { startRegistryFake } from "../../../fakes/registry_fake.ts";
import { startFakeArr } from "../../../fakes/arr_fake.ts";
import { memoryMediaServices } from "../../../integration/_support/memory_media_services.ts";
import { createRegistryClient } from "../../../../mcp/upgrades/registry/registry_client.ts";
import { createArrNotes } from "../../../../mcp/upgrades/arr_notes_reader.ts";
import { createUpgradeService } from "../../../../mcp/upgrades/upgrade_service.ts";
import type { ContainerImageFacts } from "../../../../mcp/upgrades/image_facts.ts";

const digest = (c: string) => `sha256:${c.repeat(64)}`;

function sonarrFacts(host: string, tag: string, repoDigest?: string): ContainerImageFacts {
  return {
    container: `sonarr-${tag}`,
    id: `id-${tag}`,
    state: "running",
    image: `${host}/linuxserver/sonarr:${tag}`,
    imageId: "abc",
    repoDigests: repoDigest ? [`${host}/linuxserver/sonarr@${repoDigest}`] : [],
    labels: {},
    imageLabels: {}, // no source label: no GitHub notes, the app's list is the only source
  };
}

Deno.test("upgrades take the notes from Sonarr's own /api/v3/update list over HTTP", async () => {
  await using registry = startRegistryFake();
  await using sonarr = startFakeArr({
    app: "sonarr",
    apiKey: "sonarr-key",
    version: "4.0.14.2939",
    updates: [
      {
        version: "4.0.16.2944",
        releaseDate: "2026-11-20T10:00:00Z",
        new: ["Action required: re-add your Plex connection"],
      },
      {
        version: "4.0.15.2941",
        releaseDate: "2026-11-10T10:00:00Z",
        new: ["Faster RSS sync"],
        fixed: ["Database migration on Postgres"],
      },
      { version: "4.0.14.2939", releaseDate: "2026-10-01T10:00:00Z", installed: true, fixed: ["Old"] },
    ],
  });
  const host = new URL(registry.url).host;
  registry.repos.set(
    "linuxserver/sonarr",
    new Map([
      ["4.0.14.2939-ls278", digest("1")],
      ["4.0.15.2941-ls280", digest("2")],
      ["latest", digest("3")],
    ]),
  );
  const media = memoryMediaServices({ SONARR_URL: sonarr.url, SONARR_API_KEY: "sonarr-key" });
  const clock = { now: () => Date.UTC(2026, 11, 2) };
  const service = createUpgradeService({
    registry: createRegistryClient({ fetch, clock, insecure: [host] }),
    appNotes: createArrNotes(media.registry),
    clock,
    stacksDir: "/opt/stacks",
    readFacts: () =>
      Promise.resolve(ok([
        sonarrFacts(host, "4.0.14.2939-ls278"),
        sonarrFacts(host, "latest", digest("1")),
      ])),
  });
  const list = await service.list(false);
  assert.ok(list.ok);
  const [pinned, latest] = list.value.upgrades;

  // A tag-family candidate: only the versions up to 4.0.15.
  assert.equal(pinned?.candidate.tag, "4.0.15.2941-ls280");
  assert.deepEqual(pinned?.notes, {
    source: "arr",
    url: "",
    summary: "Sonarr 4.0.14.2939 → 4.0.15.2941: 1 new, 1 fixed\nFixed: Database migration on Postgres",
  });
  assert.equal(pinned?.risk, "medium");

  // A moved `latest`: every newer version; the app's version fills in the unknown current version.
  assert.equal(latest?.kind, "digest");
  assert.equal(latest?.current.version, "4.0.14.2939");
  assert.equal(latest?.risk, "high");
  assert.match(latest?.notes.summary ?? "", /^Sonarr 4\.0\.14\.2939 → 4\.0\.16\.2944 \(2 versions\)/);
  assert.match(latest?.notes.summary ?? "", /Action required: re-add your Plex connection/);

  assert.ok(sonarr.state.requests.includes("GET /api/v3/update"), JSON.stringify(sonarr.state.requests));
});

Deno.test("no *arr notes when the service is not configured or the image ships no *arr app", async () => {
  await using sonarr = startFakeArr({ app: "sonarr", apiKey: "k", updates: [] });
  const configured = createArrNotes(
    memoryMediaServices({ SONARR_URL: sonarr.url, SONARR_API_KEY: "k" }).registry,
  );
  const unconfigured = createArrNotes(memoryMediaServices({}).registry);
  assert.equal(await unconfigured("lscr.io/linuxserver/sonarr:latest"), null);
  assert.equal(await configured("docker.io/library/nginx:1.27.0", "1.27.1"), null);
  assert.equal(await configured("lscr.io/linuxserver/sonarr:latest"), null, "an empty update list");
  assert.deepEqual(sonarr.state.requests.sort(), ["GET /api/v3/system/status", "GET /api/v3/update"]);
});

Deno.test("the Sonarr fake's /api/v3/update answers the spec's UpdateResource shape", async () => {
  const spec = JSON.parse(
    await Deno.readTextFile(new URL("../../../fixtures/specs/sonarr.json", import.meta.url)),
  ) as { components: { schemas: Record<string, unknown> } };
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    ajv.addSchema(schema as object, `#/components/schemas/${name}`);
  }
  const validate = ajv.compile({
    type: "array",
    items: { $ref: "#/components/schemas/UpdateResource" },
  });
  await using sonarr = startFakeArr({
    app: "sonarr",
    apiKey: "k",
    updates: [
      { version: "4.0.15.2941", releaseDate: "2026-11-10T10:00:00Z", new: ["A"], fixed: ["B"] },
      { version: "4.0.14.2939", releaseDate: "2026-10-01T10:00:00Z", installed: true },
    ],
  });
  const res = await fetch(`${sonarr.url}/api/v3/update`, { headers: { "x-api-key": "k" } });
  const body = await res.json() as Array<{ changes?: unknown; installed: boolean }>;
  assert.ok(validate(body), JSON.stringify(validate.errors));
  assert.deepEqual(body[0]?.changes, { new: ["A"], fixed: ["B"] });
  assert.equal(body[1]?.installed, true);
});
