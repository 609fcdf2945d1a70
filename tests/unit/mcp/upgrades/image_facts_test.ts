import assert from "node:assert/strict";
import type { ContainerSummary } from "../../../../mcp/clients/runtime/client.ts";
import { imageFacts } from "../../../../mcp/upgrades/image_facts.ts";

const hex = (c: string) => c.repeat(64);

function summary(name: string, imageId: string): ContainerSummary {
  return {
    id: `id-${name}`,
    name,
    image: `lscr.io/linuxserver/${name}:latest`,
    imageId,
    state: "running",
    status: "",
    created: "",
    labels: { "io.podman.compose.project": "media" },
    composeProject: "media",
    ports: [],
  };
}

Deno.test("imageFacts() joins each container to its image by id: digests and image labels, with or without sha256:", () => {
  const images = [
    {
      Id: `sha256:${hex("a")}`,
      RepoDigests: [`lscr.io/linuxserver/sonarr@sha256:${hex("1")}`],
      Labels: { "org.opencontainers.image.version": "4.0.14" },
    },
    { Id: hex("b"), RepoDigests: null, Labels: null },
  ];
  const facts = imageFacts(
    [summary("sonarr", hex("a")), summary("radarr", hex("b")), summary("gone", "")],
    images,
  );
  assert.deepEqual(facts[0], {
    container: "sonarr",
    id: "id-sonarr",
    state: "running",
    image: "lscr.io/linuxserver/sonarr:latest",
    imageId: hex("a"),
    repoDigests: [`lscr.io/linuxserver/sonarr@sha256:${hex("1")}`],
    labels: { "io.podman.compose.project": "media" },
    imageLabels: { "org.opencontainers.image.version": "4.0.14" },
  });
  assert.deepEqual([facts[1]?.repoDigests, facts[1]?.imageLabels], [[], {}]);
  assert.deepEqual([facts[2]?.imageId, facts[2]?.repoDigests], ["", []]);
});

Deno.test("imageFacts() without an image list still gives every container for tag candidates", () => {
  const facts = imageFacts([summary("sonarr", hex("a"))], "not a list");
  assert.equal(facts.length, 1);
  assert.deepEqual([facts[0]?.image, facts[0]?.repoDigests], ["lscr.io/linuxserver/sonarr:latest", []]);
});
