/**
 * The upgrade check behind `upgrades_list` for 30 containers against a real registry (Debian's docker-registry on
 * loopback, 30 repositories of 16 tags pushed over its HTTP API) and the loopback GitHub releases fake:
 *   cold     a new service per run: every tag list, digest and release note is fetched
 *   refresh  `upgrades_list {refresh: true}`: the registry asked again, release notes from the notes cache
 *   cached   `upgrades_list {}` while the last report is young: answered from memory
 * The 30 containers' image facts are given directly (10 linuxserver `-ls` tags, 10 semver, 10 moved `latest`),
 * so no Podman is needed.   deno bench --allow-all tests/bench/upgrades_bench.ts
 */
import { ok } from "../../shared/result.ts";
import { createRegistryClient } from "../../mcp/upgrades/registry/registry_client.ts";
import { createGithubNotes } from "../../mcp/upgrades/github_notes.ts";
import { createUpgradeService } from "../../mcp/upgrades/upgrade_service.ts";
import type { ContainerImageFacts } from "../../mcp/upgrades/image_facts.ts";
import { pushTinyImage, startLocalRegistry } from "../integration/mcp/upgrades/registry_process.ts";
import { startGithubFake } from "../fakes/github_fake.ts";

const CONTAINERS = 30;
const clock = { now: () => Date.now() };

/** Tags of repository i, oldest first; the container runs the first, the newest of its family is the candidate. */
function tagsOf(i: number): string[] {
  switch (i % 3) {
    case 0:
      return [
        ...Array.from({ length: 12 }, (_, b) => `4.0.${10 + (b >> 2)}.${2900 + b}-ls${200 + b}`),
        "develop-4.1.0.3000-ls10",
        "nightly-4.1.0.3001-ls11",
        "latest",
        "develop",
      ];
    case 1:
      return [
        ...Array.from({ length: 12 }, (_, k) => `1.${k >> 2}.${k & 3}`),
        "1.2.3-alpine",
        "2.0.0-rc1",
        "latest",
        "edge",
      ];
    default:
      return [...Array.from({ length: 14 }, (_, k) => `2024.${1 + k}.0`), "latest", "stable"];
  }
}

async function setUp() {
  const registry = await startLocalRegistry();
  const github = startGithubFake();
  const facts: ContainerImageFacts[] = [];
  const work: Promise<void>[] = [];
  for (let i = 0; i < CONTAINERS; i++) {
    const repo = `bench/app-${i}`;
    work.push((async () => {
      const tags = tagsOf(i);
      const digests = new Map<string, string>();
      for (const tag of tags) {
        digests.set(tag, await pushTinyImage(registry.host, repo, tag, `${repo}:${tag}`));
      }
      const running = i % 3 === 2 ? "latest" : tags[0]!;
      // A moved `latest`: the container still runs the digest of an older push.
      const runningDigest = i % 3 === 2 ? digests.get("2024.1.0")! : digests.get(running)!;
      github.releases.set(
        `bench/app-${i}`,
        tags.map((tag) => ({
          tag_name: tag,
          body: `## ${tag}\n- Faster startup\n- ${i % 5 === 0 ? "Breaking: config moved" : "Fixed a crash"}`,
        })),
      );
      facts[i] = {
        container: `app-${i}`,
        id: `${i}`.padStart(12, "0"),
        state: "running",
        image: `${registry.host}/${repo}:${running}`,
        imageId: `image-${i}`,
        repoDigests: [`${registry.host}/${repo}@${runningDigest}`],
        labels: i % 2 === 0
          ? { PODMAN_SYSTEMD_UNIT: `app-${i}.service` }
          : { "io.podman.compose.project": "bench" },
        imageLabels: { "org.opencontainers.image.source": `https://github.com/bench/app-${i}` },
      };
    })());
  }
  await Promise.all(work);
  const service = () =>
    createUpgradeService({
      registry: createRegistryClient({ fetch, clock, insecure: [registry.host] }),
      notes: createGithubNotes({ fetch, clock, apiUrl: github.url }),
      clock,
      stacksDir: "/opt/stacks",
      readFacts: () => Promise.resolve(ok(facts)),
    });
  return { registry, github, service };
}

const bench = await setUp();
globalThis.addEventListener("unload", () => {
  bench.registry.stopSync();
  void bench.github.close();
});

async function list(service: ReturnType<typeof bench.service>, refresh: boolean) {
  const r = await service.list(refresh);
  if (!r.ok || r.value.upgrades.length !== CONTAINERS) {
    throw new Error(`Bench setup broken: ${JSON.stringify(r.ok ? r.value.errors : r.error)}`);
  }
}

// Print what one cold check asks, once.
{
  const before = bench.github.requests.length;
  const s = bench.service();
  const t0 = performance.now();
  await list(s, false);
  const report = s.latest()!;
  const risks = report.upgrades.reduce<Record<string, number>>(
    (m, u) => ({ ...m, [u.risk]: (m[u.risk] ?? 0) + 1 }),
    {},
  );
  console.log(
    `upgrades_list cold, ${CONTAINERS} containers: ${(performance.now() - t0).toFixed(0)} ms, ` +
      `${bench.github.requests.length - before} GitHub requests, risks ${JSON.stringify(risks)}`,
  );
}

Deno.bench(
  "upgrades_list cold: 30 containers, real registry + GitHub fake",
  { group: "upgrades" },
  async () => {
    await list(bench.service(), false);
  },
);

const warm = bench.service();
await list(warm, false);

Deno.bench("upgrades_list refresh: registry again, notes cached", { group: "upgrades" }, async () => {
  await list(warm, true);
});

Deno.bench("upgrades_list cached: the last report", { group: "upgrades", baseline: true }, async () => {
  await list(warm, false);
});
