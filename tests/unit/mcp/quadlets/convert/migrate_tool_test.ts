/**
 * stack_migrate_to_quadlets through an MCP client, against the in-memory arr-helper and a runtime that play
 * their parts statefully: stack_down takes the compose container away, systemd_start of a unit runs its
 * container with the volume compose used, systemd_stop and stack_up undo those.
 */
import assert from "node:assert/strict";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { quadletConvertFamily } from "../../../../../mcp/quadlets/convert/convert_tools.ts";
import { failureOf } from "../../../../../mcp/toolkit/tool_result.ts";
import { connectInMemory } from "../../_support/in_memory_client.ts";
import { fakeHelper } from "../../_support/fake_helper.ts";
import { testDeps } from "../../_support/test_deps.ts";
import { type FakeContainer, fakeContainer, fakeRuntime } from "../../dashboard/fixtures.ts";

const COMPOSE = `services:
  web:
    image: docker.io/library/nginx:1
    volumes: [data:/data]
volumes:
  data: {}
`;
const VOLUME_PATH = "/storage/volumes/site_data/_data";
const READS = new Set(["info", "quadlet_list", "quadlet_read", "quadlet_validate", "systemd_status"]);

interface WorldOptions {
  /** What the started unit's container mounts at /data. @default the compose volume */
  unitVolume?: string | null;
  failStart?: boolean;
  compose?: string;
  policy?: "confirm" | "strict";
}

async function world(options: WorldOptions = {}) {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-migrate-tool-" }));
  await Deno.mkdir(`${base}/stacks/site`, { recursive: true });
  await Deno.writeTextFile(`${base}/stacks/site/compose.yaml`, options.compose ?? COMPOSE);
  const mount = (source: string) => [{ source, destination: "/data", readOnly: false }];
  const composeWeb = fakeContainer("site_web_1", "running", {
    labels: {
      "io.podman.compose.project": "site",
      "com.docker.compose.service": "web",
      PODMAN_SYSTEMD_UNIT: "podman-compose@site.service",
    },
    mounts: mount(VOLUME_PATH),
  });
  const containers: FakeContainer[] = [composeWeb];
  const helper = fakeHelper();
  const inner = helper.call.bind(helper);
  helper.call = (op, args) => {
    if (op === "stack_down") containers.splice(containers.indexOf(composeWeb), 1);
    if (op === "stack_up") containers.push(composeWeb);
    if (op === "systemd_start") {
      if (options.failStart) {
        helper.calls.push({ op, args });
        return Promise.resolve(
          { ok: true, value: { ok: false, output: "Job for site-web.service failed.", exit_code: 1 } },
        );
      }
      const source = options.unitVolume === undefined ? VOLUME_PATH : options.unitVolume;
      if (source !== null) {
        containers.push(fakeContainer("systemd-site-web", "running", {
          labels: { PODMAN_SYSTEMD_UNIT: String(args.unit) },
          mounts: mount(source),
        }));
      }
    }
    if (op === "systemd_stop") {
      const i = containers.findIndex((c) => c.summary.name === "systemd-site-web");
      if (i >= 0) containers.splice(i, 1);
    }
    return inner(op, args);
  };
  const deps = testDeps({ helper, runtime: fakeRuntime(containers) });
  const noValidation = () => Promise.resolve({ not_run: "no generator in unit tests" });
  const conn = await connectInMemory(
    { ...deps, config: { ...deps.config, stacksDir: `${base}/stacks`, policy: options.policy ?? "confirm" } },
    [quadletConvertFamily({ validate: noValidation, migration: { wait: () => Promise.resolve(false) } })],
  );
  const call = async (args: Record<string, unknown> = {}) =>
    await conn.client.callTool({
      name: "stack_migrate_to_quadlets",
      arguments: { stack: "site", ...args },
    }) as CallToolResult;
  return {
    base,
    helper,
    containers,
    call,
    changes: () =>
      helper.calls.filter((c) => !READS.has(c.op)).map((c) =>
        `${c.op} ${c.args.name ?? c.args.unit ?? c.args.stack ?? ""}`.trim()
      ),
    // deno-lint-ignore no-explicit-any
    sc: (r: CallToolResult) => r.structuredContent as any,
    [Symbol.asyncDispose]: async () => {
      await conn.close();
      await Deno.remove(base, { recursive: true });
    },
  };
}

const FORWARD = [
  "quadlet_write site-default",
  "quadlet_write site-data",
  "quadlet_write site-web",
  "systemd_daemon_reload",
  "stack_down site",
  "systemd_start site-web.service",
];

Deno.test("stack_migrate_to_quadlets previews without changing anything, then migrates with the token", async () => {
  await using w = await world();
  const preview = w.sc(await w.call());
  assert.equal(preview.status, "confirmation_required");
  assert.deepEqual(w.changes(), []);
  const d = preview.preview.details;
  assert.deepEqual(d.units.map((u: { file: string }) => u.file), [
    "site-default.network",
    "site-data.volume",
    "site-web.container",
  ]);
  assert.deepEqual(d.compose_containers_stopped, [{ name: "site_web_1", service: "web", running: true }]);
  assert.deepEqual(d.volumes_carried_over, ["site_data"]);

  const done = w.sc(await w.call({ confirm_token: preview.confirm_token }));
  assert.equal(done.status, "done", JSON.stringify(done));
  assert.deepEqual(w.changes(), FORWARD);
  assert.deepEqual(done.result.steps.map((s: { name: string; ok: boolean }) => [s.name, s.ok]), [
    ["write_units", true],
    ["daemon_reload", true],
    ["stop_compose", true],
    ["start_units", true],
    ["verify", true],
  ]);
  assert.deepEqual(done.result.started, ["site-web.service"]);
  assert.deepEqual([...w.helper.quadlets.keys()].sort(), [
    "site-data.volume",
    "site-default.network",
    "site-web.container",
  ]);
  assert.ok(
    (await Deno.stat(`${w.base}/stacks/site/quadlets/site-web.container`)).isFile,
    "units are staged",
  );
  assert.deepEqual(w.containers.map((c) => c.summary.name), ["systemd-site-web"]);
});

Deno.test("stack_migrate_to_quadlets refuses a token once the compose file changed, and changes nothing", async () => {
  await using w = await world();
  const preview = w.sc(await w.call());
  await Deno.writeTextFile(`${w.base}/stacks/site/compose.yaml`, COMPOSE.replace("nginx:1", "nginx:2"));
  const r = await w.call({ confirm_token: preview.confirm_token });
  assert.equal(failureOf(r)?.kind, "confirm_mismatch");
  assert.deepEqual(w.changes(), []);
});

Deno.test("stack_migrate_to_quadlets undoes everything when a unit does not start", async () => {
  await using w = await world({ failStart: true });
  const preview = w.sc(await w.call());
  const r = await w.call({ confirm_token: preview.confirm_token });
  assert.equal(failureOf(r)?.kind, "migration_failed");
  assert.match(
    failureOf(r)?.message ?? "",
    /^Cannot migrate stack "site": start_units failed; rolled back\n/,
  );
  assert.match(
    failureOf(r)?.message ?? "",
    /start_units: FAILED: Cannot start site-web\.service: exit code 1/,
  );
  assert.deepEqual(w.changes(), [
    ...FORWARD,
    "systemd_stop site-web.service",
    "quadlet_delete site-web",
    "quadlet_delete site-data",
    "quadlet_delete site-default",
    "systemd_daemon_reload",
    "stack_up site",
  ]);
  assert.deepEqual([...w.helper.quadlets.keys()], []);
  assert.deepEqual(w.containers.map((c) => c.summary.name), ["site_web_1"]);
});

Deno.test("stack_migrate_to_quadlets undoes everything when the unit's container is not on compose's volume", async () => {
  for (const unitVolume of ["/storage/volumes/other/_data", null]) {
    await using w = await world({ unitVolume });
    const preview = w.sc(await w.call());
    const r = await w.call({ confirm_token: preview.confirm_token });
    const message = failureOf(r)?.message ?? "";
    assert.match(message, /verify failed; rolled back/);
    assert.match(
      message,
      unitVolume ? /compose mounted \/storage\/volumes\/site_data\/_data/ : /no container runs/,
    );
    assert.deepEqual(w.changes().slice(FORWARD.length), [
      "systemd_stop site-web.service",
      "quadlet_delete site-web",
      "quadlet_delete site-data",
      "quadlet_delete site-default",
      "systemd_daemon_reload",
      "stack_up site",
    ]);
    assert.deepEqual(w.containers.map((c) => c.summary.name), ["site_web_1"]);
  }
});

Deno.test("stack_migrate_to_quadlets puts back a unit it replaced", async () => {
  await using w = await world({ failStart: true });
  w.helper.quadlets.set("site-web.container", "[Container]\nImage=docker.io/library/nginx:0\n");
  const preview = w.sc(await w.call());
  assert.deepEqual(preview.preview.details.replaced, ["site-web.container"]);
  await w.call({ confirm_token: preview.confirm_token });
  assert.deepEqual([...w.helper.quadlets.entries()], [
    ["site-web.container", "[Container]\nImage=docker.io/library/nginx:0\n"],
  ]);
  const kept = [...Deno.readDirSync(`${w.base}/stacks/site/quadlets/.rollback`)];
  assert.equal(kept.length, 1, "a rollback copy of the replaced unit is kept");
});

Deno.test("stack_migrate_to_quadlets refuses a stack whose name compose and quadlet would spell apart", async () => {
  await using w = await world();
  const r = await w.call({ stack: "Site" });
  assert.equal(failureOf(r)?.kind, "invalid_argument");
  assert.deepEqual(w.changes(), []);
});

Deno.test("stack_migrate_to_quadlets lists policy flags in the preview, and ARR_POLICY=strict refuses them", async () => {
  const compose = COMPOSE.replace(
    "    volumes: [data:/data]\n",
    "    volumes: [data:/data]\n    privileged: true\n",
  );
  {
    await using w = await world({ compose });
    const preview = w.sc(await w.call());
    assert.equal(preview.preview.details.policy.decision, "confirm");
    assert.match(preview.preview.summary, /privileged/);
  }
  await using w = await world({ compose, policy: "strict" });
  const r = await w.call();
  assert.equal(failureOf(r)?.kind, "policy_refused");
  assert.deepEqual(w.changes(), []);
});
