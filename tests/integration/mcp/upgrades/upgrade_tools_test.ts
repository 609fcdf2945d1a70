/**
 * upgrades_list and upgrade_plan end to end: the real app over HTTP with a real SDK client, real Podman
 * containers (a quadlet-labelled one, a compose one, an unmanaged one) running images pulled from a real
 * registry, whose tags then move on.
 */
import assert from "node:assert/strict";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { serveArrMcp } from "../../_support/harness.ts";
import { registerUpgradeTools } from "../../../../mcp/upgrades/upgrade_tools.ts";
import { imageWithNewLayer, pushAs, startLocalRegistry } from "./registry_process.ts";

Deno.test("upgrades_list and upgrade_plan against real Podman containers and a real registry", async () => {
  const tb = testbed();
  await using registry = await startLocalRegistry();
  const repo = `arr/${uniqueName("upgrades")}`;
  const name = `${registry.host}/${repo}`;
  const oldDigest = await pushAs(tb.image, registry.host, repo, "1.0.0");
  await pushAs(tb.image, registry.host, repo, "latest");
  // Pulled from the registry, as a user's images are: Podman records the repo digests.
  await podman("pull", "--tls-verify=false", "-q", `${name}:1.0.0`);
  await podman("pull", "--tls-verify=false", "-q", `${name}:latest`);

  const quadlet = uniqueName("upgq");
  const compose = uniqueName("upgc");
  const loose = uniqueName("upgn");
  const newer = await imageWithNewLayer(tb.image, uniqueName("upgl"), "two");
  const served = await serveArrMcp({
    env: { ARR_RUNTIME_SOCKET: tb.podmanSocket, ARR_REGISTRY_INSECURE: registry.host },
    families: [registerUpgradeTools],
  });
  try {
    await podman(
      "run",
      "-d",
      "--name",
      quadlet,
      "--label",
      `PODMAN_SYSTEMD_UNIT=${quadlet}.service`,
      `${name}:1.0.0`,
      "sleep",
      "600",
    );
    await podman(
      "run",
      "-d",
      "--name",
      compose,
      "--label",
      "io.podman.compose.project=upgstack",
      "--label",
      "com.docker.compose.service=app",
      "--label",
      "PODMAN_SYSTEMD_UNIT=podman-compose@upgstack.service",
      `${name}:latest`,
      "sleep",
      "600",
    );
    await podman("run", "-d", "--name", loose, `${name}:1.0.0`, "sleep", "600");

    const before = await served.call("upgrades_list", {});
    assert.equal(before.isError, undefined, JSON.stringify(before.content));
    const mine = (r: typeof before) =>
      // deno-lint-ignore no-explicit-any
      (r.structuredContent.upgrades as any[]).filter((u) => [quadlet, compose, loose].includes(u.container));
    assert.deepEqual(mine(before), [], "nothing newer yet");

    const newDigest = await pushAs(newer, registry.host, repo, "1.0.1");
    const movedLatest = await pushAs(newer, registry.host, repo, "latest");
    const cached = await served.call("upgrades_list", {});
    assert.deepEqual(mine(cached), [], "registry answers are cached until refresh");

    const after = await served.call("upgrades_list", { refresh: true });
    const found = Object.fromEntries(mine(after).map((u) => [u.container, u]));
    assert.deepEqual(
      [found[quadlet]?.candidate.tag, found[quadlet]?.kind, found[quadlet]?.managed_by, found[quadlet]?.unit],
      ["1.0.1", "patch", "quadlet", `${quadlet}.service`],
    );
    assert.deepEqual(found[quadlet]?.current, { tag: "1.0.0", digest: oldDigest, version: "1.0.0" });
    assert.equal(found[quadlet]?.candidate.digest, newDigest);
    assert.deepEqual(
      [
        found[compose]?.candidate.tag,
        found[compose]?.kind,
        found[compose]?.managed_by,
        found[compose]?.stack,
      ],
      ["latest", "digest", "compose", "upgstack"],
    );
    assert.equal(found[compose]?.candidate.digest, movedLatest);
    assert.equal(found[loose]?.managed_by, "none");

    const qPlan = await served.call("upgrade_plan", { container: quadlet });
    assert.equal(qPlan.isError, undefined, JSON.stringify(qPlan.content));
    const commands = (qPlan.structuredContent.steps as Array<{ command?: string; tool?: string }>).map((s) =>
      s.command ?? s.tool
    );
    assert.equal(commands[0], `podman pull ${name}@${newDigest}`);
    assert.ok(
      commands.includes("quadlet_write") && commands.includes(`systemctl --user restart ${quadlet}.service`),
    );
    const cPlan = await served.call("upgrade_plan", { container: compose });
    assert.ok(
      // deno-lint-ignore no-explicit-any
      (cPlan.structuredContent.steps as any[]).some((s) => s.command?.endsWith("up -d --no-deps app")),
    );
    const nPlan = await served.call("upgrade_plan", { container: loose });
    assert.deepEqual(nPlan.structuredContent.steps, []);
    assert.match(nPlan.structuredContent.reason, /not managed by a quadlet unit or a compose stack/);

    // The plan's first step is real: pulling by digest gets exactly the checked image.
    await podman("pull", "--tls-verify=false", "-q", `${name}@${newDigest}`);
    const pulledId = await podman("image", "inspect", "--format", "{{.Id}}", `${name}@${newDigest}`);
    assert.equal(pulledId, await podman("image", "inspect", "--format", "{{.Id}}", newer));
  } finally {
    await served.close();
    await removeContainers(quadlet, compose, loose);
    await podman("rmi", "-f", `${name}:1.0.0`, `${name}:1.0.1`, `${name}:latest`, newer).catch(() => "");
  }
});
