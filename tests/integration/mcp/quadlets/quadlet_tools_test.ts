/**
 * compose_to_quadlet, quadlet_install and quadlet_to_compose through a real MCP client (Streamable HTTP), the
 * real arr-mcp app, the real arr-helper (started as it ships) and the real quadlet 5.4.2 generator. Only
 * systemctl is a recording fake (no systemd runs as PID 1 here).
 */
import assert from "node:assert/strict";
import { MCP_CORE_FAMILIES } from "../../../../mcp/server/core_families.ts";
import { localGenerator, quadletConvertFamily } from "../../../../mcp/quadlets/convert/convert_tools.ts";
import { testbed } from "../../../testbed/testbed.ts";
import { helperDirs, startHelper } from "../../helper/helper_process.ts";
import { errorOf, serveArrMcp } from "../../_support/harness.ts";

const COMPOSE = `services:
  vpn:
    image: docker.io/qmcgaw/gluetun:v3.40.0
    cap_add: [NET_ADMIN]
    devices: [/dev/net/tun:/dev/net/tun]
    ports: ["8080:8080"]
    environment:
      WIREGUARD_PRIVATE_KEY: \${WIREGUARD_PRIVATE_KEY:?set it in .env}
      TZ: \${TZ:-Etc/UTC}
    restart: unless-stopped
  torrent:
    image: lscr.io/linuxserver/qbittorrent:5.0.4
    network_mode: service:vpn
    volumes: [./config:/config, data:/downloads]
    restart: unless-stopped
volumes:
  data:
`;

async function recordingSystemctl(binDir: string, record: string): Promise<void> {
  const script = `#!/bin/sh\nprintf '%s\\n' "$*" >> '${record}'\nexit 0\n`;
  await Deno.writeTextFile(`${binDir}/systemctl`, script, { mode: 0o755 });
}

Deno.test("compose_to_quadlet stages validated units, quadlet_install installs them (confirmed, with rollback), quadlet_to_compose reads them back", async () => {
  await using dirs = await helperDirs();
  const record = `${dirs.root}/systemctl.log`;
  await recordingSystemctl(dirs.binDir, record);
  await using _helper = await startHelper(dirs);
  const stackDir = `${dirs.stacksDir}/media`;
  await Deno.mkdir(stackDir);
  await Deno.writeTextFile(`${stackDir}/compose.yaml`, COMPOSE);
  await Deno.writeTextFile(
    `${stackDir}/.env`,
    "WIREGUARD_PRIVATE_KEY=c2VjcmV0LWtleS1tYXRlcmlhbA==\nTZ=Europe/Berlin\n",
  );
  const served = await serveArrMcp({
    env: { ARR_HELPER_SOCKET: dirs.socket, ARR_STACKS_DIR: dirs.stacksDir },
    // The local fallback must not be needed: arr-helper validates.
    families: [
      ...MCP_CORE_FAMILIES,
      quadletConvertFamily({ validate: () => Promise.reject(new Error("local")) }),
    ],
  });
  try {
    const tools = (await (await served.client()).listTools()).tools.map((t: { name: string }) => t.name);
    for (const t of ["compose_to_quadlet", "quadlet_install", "quadlet_to_compose"]) {
      assert.ok(tools.includes(t), t);
    }

    const first = await served.call("compose_to_quadlet", { stack: "media" });
    assert.equal(first.isError, undefined, JSON.stringify(first.structuredContent));
    const out = first.structuredContent;
    assert.equal(out.podman_version, "4.9", "host Podman 4.3 has no quadlet: the default target is used");
    assert.deepEqual(out.units.map((u: { file: string }) => u.file), [
      "media-vpn.container",
      "media-torrent.container",
      "media-default.network",
      "media-data.volume",
    ]);
    assert.equal(out.host.podman, "4.3.1");
    assert.equal(out.validation.validated_by, "arr-helper");
    assert.equal(out.validation.generator, "quadlet 5.4.2");
    assert.equal(out.validation.ok, true, out.validation.messages.join("\n"));
    assert.equal(
      out.validation.messages[0],
      "Accepted by the quadlet generator: media-vpn.container, media-torrent.container, media-default.network, media-data.volume",
    );
    assert.deepEqual(out.installed_diff.map((d: { status: string }) => d.status), [
      "new",
      "new",
      "new",
      "new",
    ]);
    const vpnShown = out.units[0].content as string;
    assert.doesNotMatch(vpnShown, /c2VjcmV0/);
    assert.match(vpnShown, /WIREGUARD_PRIVATE_KEY=\[REDACTED\]/);
    const staged = await Deno.readTextFile(`${stackDir}/quadlets/media-vpn.container`);
    assert.match(staged, /^Environment=WIREGUARD_PRIVATE_KEY=c2VjcmV0LWtleS1tYXRlcmlhbA==$/m);
    assert.match(
      await Deno.readTextFile(`${stackDir}/quadlets/media-torrent.container`),
      /^Network=container:media-vpn$/m,
    );

    const preview = await served.call("quadlet_install", { stack: "media" });
    assert.equal(preview.structuredContent.status, "confirmation_required");
    assert.match(
      preview.structuredContent.preview.summary,
      /Install 4 quadlet unit\(s\) for stack "media" \(4 new, 0 replaced\)/,
    );
    await assert.rejects(Deno.stat(`${dirs.quadletDir}/media-vpn.container`));
    const done = await served.call("quadlet_install", {
      stack: "media",
      confirm_token: preview.structuredContent.confirm_token,
    });
    assert.equal(done.structuredContent.status, "done", JSON.stringify(done.structuredContent));
    assert.deepEqual(done.structuredContent.result.installed, [
      "media-default.network",
      "media-data.volume",
      "media-vpn.container",
      "media-torrent.container",
    ]);
    assert.equal(done.structuredContent.result.rollback_dir, null);
    assert.equal(await Deno.readTextFile(`${dirs.quadletDir}/media-vpn.container`), staged);
    assert.match(await Deno.readTextFile(record), /--user daemon-reload/);

    await Deno.writeTextFile(`${stackDir}/compose.yaml`, COMPOSE.replace("v3.40.0", "v3.41.0"));
    const second = await served.call("compose_to_quadlet", { stack: "media" });
    const diff = second.structuredContent.installed_diff;
    assert.deepEqual(diff.map((d: { status: string }) => d.status), [
      "changed",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    assert.deepEqual(diff[0].removed, ["Image=docker.io/qmcgaw/gluetun:v3.40.0"]);
    assert.deepEqual(diff[0].added, ["Image=docker.io/qmcgaw/gluetun:v3.41.0"]);
    const preview2 = await served.call("quadlet_install", { stack: "media" });
    assert.match(preview2.structuredContent.preview.summary, /\(0 new, 4 replaced\)/);
    const done2 = await served.call("quadlet_install", {
      stack: "media",
      confirm_token: preview2.structuredContent.confirm_token,
    });
    assert.equal(done2.structuredContent.status, "done");
    const rollback = done2.structuredContent.result.rollback_dir as string;
    assert.match(await Deno.readTextFile(`${rollback}/media-vpn.container`), /gluetun:v3\.40\.0/);
    assert.match(await Deno.readTextFile(`${dirs.quadletDir}/media-vpn.container`), /gluetun:v3\.41\.0/);

    const back = await served.call("quadlet_to_compose", { stack: "media" });
    assert.equal(back.isError, undefined, JSON.stringify(back.structuredContent));
    const yaml = back.structuredContent.compose_yaml as string;
    assert.match(yaml, /network_mode: service:vpn/);
    assert.match(yaml, /image: docker\.io\/qmcgaw\/gluetun:v3\.41\.0/);
    assert.doesNotMatch(yaml, /c2VjcmV0/);
    assert.deepEqual(back.structuredContent.units, [
      "media-data.volume",
      "media-default.network",
      "media-torrent.container",
      "media-vpn.container",
    ]);
  } finally {
    await served.close();
  }
});

Deno.test("compose_to_quadlet reports invalid compose and missing stacks as tool errors", async () => {
  await using dirs = await helperDirs();
  await Deno.mkdir(`${dirs.stacksDir}/broken`);
  await Deno.writeTextFile(`${dirs.stacksDir}/broken/compose.yaml`, "services:\n  web:\n    ports: ['80']\n");
  const served = await serveArrMcp({
    env: { ARR_STACKS_DIR: dirs.stacksDir },
    families: [
      ...MCP_CORE_FAMILIES,
      quadletConvertFamily({ validate: () => Promise.resolve({ not_run: "the test has no generator" }) }),
    ],
  });
  try {
    const bad = errorOf(await served.call("compose_to_quadlet", { stack: "broken" }));
    assert.equal(bad.kind, "invalid_compose");
    assert.match(
      bad.message,
      /compose\.yaml: service "web": key "image": Cannot convert service: it has neither/,
    );
    const missing = errorOf(await served.call("compose_to_quadlet", { stack: "ghost" }));
    assert.equal(missing.kind, "not_found");
    const version = errorOf(
      await served.call("compose_to_quadlet", { stack: "broken", podman_version: "new" }),
    );
    assert.equal(version.kind, "invalid_argument");
    const traversal = errorOf(await served.call("compose_to_quadlet", { stack: "../etc" }));
    assert.equal(traversal.kind, "invalid_argument");
    await Deno.mkdir(`${dirs.stacksDir}/solo`);
    await Deno.writeTextFile(`${dirs.stacksDir}/solo/compose.yaml`, "services:\n  web:\n    image: nginx\n");
    const solo = await served.call("compose_to_quadlet", { stack: "solo" });
    assert.equal(solo.isError, undefined, JSON.stringify(solo.structuredContent));
    assert.equal(solo.structuredContent.installed_diff, null, "no arr-helper: nothing to compare with");
    assert.equal(solo.structuredContent.host, null);
    assert.deepEqual(solo.structuredContent.validation, {
      validated_by: null,
      generator: null,
      ok: null,
      messages: [
        "Not validated: arr-helper is not running and the test has no generator; quadlet_install validates " +
        "each unit through arr-helper before writing",
      ],
    });
    assert.equal(solo.structuredContent.podman_version, "4.9");
    const stagedMode = (await Deno.stat(`${dirs.stacksDir}/solo/quadlets/solo-web.container`)).mode ?? 0;
    assert.equal(stagedMode & 0o777, 0o600);
    const notStaged = errorOf(await served.call("quadlet_install", { stack: "broken" }));
    assert.equal(notStaged.kind, "not_found");
    assert.match(notStaged.message, /run compose_to_quadlet first/);
  } finally {
    await served.close();
  }
});

Deno.test("quadlet_install puts back what it wrote when the generator in arr-helper rejects a unit", async () => {
  const tb = testbed();
  await using dirs = await helperDirs();
  await recordingSystemctl(dirs.binDir, `${dirs.root}/systemctl.log`);
  await using _helper = await startHelper(dirs);
  const stackDir = `${dirs.stacksDir}/app`;
  await Deno.mkdir(stackDir);
  await Deno.writeTextFile(`${stackDir}/compose.yaml`, "services:\n  web:\n    image: nginx:1\n");
  await Deno.mkdir(dirs.quadletDir, { recursive: true });
  const before = "[Container]\nImage=nginx:0\nContainerName=app-web\n";
  await Deno.writeTextFile(`${dirs.quadletDir}/app-web.container`, before);
  const served = await serveArrMcp({
    env: { ARR_HELPER_SOCKET: dirs.socket, ARR_STACKS_DIR: dirs.stacksDir },
    families: [...MCP_CORE_FAMILIES, quadletConvertFamily({ validate: localGenerator([tb.quadletBin]) })],
  });
  try {
    const staged = await served.call("compose_to_quadlet", { stack: "app" });
    // The web unit changes; the project's default network (as compose creates it) is new.
    assert.deepEqual(staged.structuredContent.installed_diff.map((d: { status: string }) => d.status), [
      "changed",
      "new",
    ]);
    // A unit the generator refuses, staged beside the good one (installed after it).
    await Deno.writeTextFile(`${stackDir}/quadlets/app-zz.container`, "[Container]\nImage=x\nFrobnicate=1\n");
    const preview = await served.call("quadlet_install", { stack: "app" });
    const failed = await served.call("quadlet_install", {
      stack: "app",
      confirm_token: preview.structuredContent.confirm_token,
    });
    const e = errorOf(failed);
    assert.match(e.message, /app-zz\.container/);
    assert.match(e.message, /Put back app-default\.network, app-web\.container: done/);
    assert.equal(await Deno.readTextFile(`${dirs.quadletDir}/app-web.container`), before);
    await assert.rejects(Deno.stat(`${dirs.quadletDir}/app-zz.container`));
    const rollbacks = [...Deno.readDirSync(`${stackDir}/quadlets/.rollback`)];
    assert.equal(rollbacks.length, 1);
    assert.equal(
      await Deno.readTextFile(`${stackDir}/quadlets/.rollback/${rollbacks[0]?.name}/app-web.container`),
      before,
    );
  } finally {
    await served.close();
  }
});
