import assert from "node:assert/strict";
import { planUpgrade } from "../../../../mcp/upgrades/plan.ts";
import type { Upgrade } from "../../../../mcp/upgrades/check.ts";
import { imageName } from "../../../../mcp/upgrades/image_ref.ts";

const D1 = `sha256:${"1".repeat(64)}`;
const D2 = `sha256:${"2".repeat(64)}`;

function upgrade(image: string, from: string, to: string): Upgrade {
  return {
    container: "sonarr",
    image,
    current: { tag: from, digest: D1 },
    candidate: { tag: to, digest: D2 },
    kind: from === to ? "digest" : "build",
    risk: "low",
    notes: { source: "", url: "", summary: "" },
    managed_by: "quadlet",
  };
}

Deno.test("planUpgrade() for a quadlet: pull by digest, keep a rollback tag, change Image=, reload, restart", () => {
  const plan = planUpgrade({
    upgrade: upgrade(
      "lscr.io/linuxserver/sonarr:4.0.14.2939-ls278",
      "4.0.14.2939-ls278",
      "4.0.14.2939-ls279",
    ),
    manager: { managedBy: "quadlet", unit: "sonarr.service" },
    imageId: "abc123",
    stacksDir: "/opt/stacks",
  });
  assert.deepEqual(plan.steps.map((s) => s.command ?? s.tool), [
    `podman pull lscr.io/linuxserver/sonarr@${D2}`,
    "podman tag abc123 lscr.io/linuxserver/sonarr:arr-rollback-sonarr",
    `podman tag lscr.io/linuxserver/sonarr@${D2} lscr.io/linuxserver/sonarr:4.0.14.2939-ls279`,
    "quadlet_write",
    "systemctl --user daemon-reload",
    "systemctl --user restart sonarr.service",
    "container_inspect",
  ]);
  assert.match(
    plan.steps[3]?.step ?? "",
    /Image=lscr\.io\/linuxserver\/sonarr:4\.0\.14\.2939-ls279 in sonarr\.container/,
  );
  assert.ok(plan.rollback.some((s) => s.tool === "quadlet_write"));
});

Deno.test("planUpgrade() for a quadlet on a floating tag needs no file change", () => {
  const plan = planUpgrade({
    upgrade: upgrade("nginx:latest", "latest", "latest"),
    manager: { managedBy: "quadlet", unit: "web.service" },
    imageId: "abc",
    stacksDir: "/opt/stacks",
  });
  assert.equal(
    plan.steps.some((s) => s.tool === "quadlet_write" || s.tool === "systemd_daemon_reload"),
    false,
  );
  assert.equal(plan.steps[2]?.command, `podman tag nginx@${D2} nginx:latest`);
});

Deno.test("planUpgrade() for compose recreates only that service; unmanaged says why and how", () => {
  const compose = planUpgrade({
    upgrade: upgrade("ghcr.io/o/app:1.2.3", "1.2.3", "1.2.4"),
    manager: { managedBy: "compose", stack: "media", service: "app", workingDir: null },
    imageId: "abc",
    stacksDir: "/opt/stacks",
  });
  assert.ok(
    compose.steps.some((s) =>
      s.tool === "compose_write" && s.step.includes("/opt/stacks/media/compose.yaml")
    ),
  );
  assert.ok(
    compose.steps.some((s) =>
      s.command?.endsWith("&& cd /opt/stacks/media && podman-compose up -d --no-deps app")
    ),
  );
  const none = planUpgrade({
    upgrade: upgrade("ghcr.io/o/app:1.2.3", "1.2.3", "1.2.4"),
    manager: { managedBy: "none" },
    imageId: "abc",
    stacksDir: "/opt/stacks",
  });
  assert.deepEqual(none.steps, []);
  assert.match(none.reason ?? "", /not managed by a quadlet unit or a compose stack/);
});

Deno.test("imageName() drops the tag and digest, not a registry port", () => {
  assert.equal(imageName("127.0.0.1:5000/arr/busybox:1.0"), "127.0.0.1:5000/arr/busybox");
  assert.equal(imageName("127.0.0.1:5000/arr/busybox"), "127.0.0.1:5000/arr/busybox");
  assert.equal(imageName(`nginx:1@${D1}`), "nginx");
});
