import assert from "node:assert/strict";
import { startRegistryFake } from "../../../fakes/registry_fake.ts";
import { createRegistryClient } from "../../../../mcp/upgrades/registry/registry_client.ts";
import { checkUpgrades, localDigests } from "../../../../mcp/upgrades/check.ts";
import { parseImageRef } from "../../../../mcp/upgrades/image_ref.ts";
import type { ContainerImageFacts } from "../../../../mcp/upgrades/image_facts.ts";

const digest = (c: string) => `sha256:${c.repeat(64)}`;

Deno.test("localDigests() lists every digest of the repository once, in Podman's order", () => {
  const ref = parseImageRef("registry.example:5000/arr/app:1.0.0")!;
  assert.deepEqual(
    localDigests(ref, [
      `registry.example:5000/arr/app@${digest("a")}`,
      `registry.example:5000/arr/other@${digest("b")}`,
      `registry.example:5000/arr/app@${digest("c")}`,
      `registry.example:5000/arr/app@${digest("a")}`,
      `elsewhere.example/arr/app@${digest("d")}`,
    ]),
    [digest("a"), digest("c")],
  );
  assert.deepEqual(localDigests(ref, []), []);
});

Deno.test("checkUpgrades() with an image that has several digests (Podman lists names × digests)", async () => {
  await using fake = startRegistryFake();
  const host = new URL(fake.url).host;
  fake.repos.set(
    "arr/app",
    new Map([["1.0.0", digest("2")], ["1.0.1", digest("3")], ["latest", digest("2")]]),
  );
  const registry = createRegistryClient({ fetch, clock: { now: () => 0 }, insecure: [host] });
  // The same image once pushed as another manifest (digest 1) and now served as digest 2.
  const repoDigests = [`${host}/arr/app@${digest("1")}`, `${host}/arr/app@${digest("2")}`];
  const facts = (container: string, tag: string): ContainerImageFacts => ({
    container,
    id: container,
    state: "running",
    image: `${host}/arr/app:${tag}`,
    imageId: "x",
    repoDigests,
    labels: {},
    imageLabels: {},
  });
  const report = await checkUpgrades([facts("floating", "latest"), facts("pinned", "1.0.0")], registry);
  assert.deepEqual(report.errors, []);
  assert.deepEqual(
    report.upgrades.map((u) => u.container),
    ["pinned"],
    "latest still serves one of its digests",
  );
  assert.deepEqual(report.upgrades[0]?.current, { tag: "1.0.0", digest: digest("2"), version: "1.0.0" });
  assert.equal(report.upgrades[0]?.candidate.tag, "1.0.1");

  fake.repos.get("arr/app")!.set("latest", digest("4"));
  registry.clear();
  const moved = await checkUpgrades([facts("floating", "latest")], registry);
  assert.deepEqual(moved.upgrades.map((u) => [u.kind, u.candidate.digest]), [["digest", digest("4")]]);
});
