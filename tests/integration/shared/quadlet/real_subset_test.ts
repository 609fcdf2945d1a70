/**
 * Real compose files (copied unchanged into tests/fixtures/compose-real/, sources in SOURCES there): each converts,
 * passes the real quadlet 5.4.2 generator, every unit is accepted by real Podman 4.3.1 (`podman create` from the
 * generated command line, _podman_stack.ts), and the names, mounts, environment values and command words are
 * those compose gives.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import type { ConvertOptions } from "../../../../shared/quadlet/types.ts";
import { readComposeFolder } from "./_compose_folder.ts";
import { type CreatedStack, createStack, podmanResult } from "./_podman_stack.ts";

const REAL = fileURLToPath(new URL("../../../fixtures/compose-real/", import.meta.url));

async function withStack(
  folder: string,
  options: ConvertOptions,
  check: (stack: CreatedStack, units: Record<string, string>) => Promise<void>,
): Promise<void> {
  const r = convertCompose(await readComposeFolder(`${REAL}${folder}`), { podmanVersion: "5.4", ...options });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  const stack = await createStack(r.value.units);
  try {
    assert.deepEqual([...stack.refused], []);
    await check(stack, Object.fromEntries(r.value.units.map((u) => [u.fileName, u.text])));
  } finally {
    await stack.remove();
  }
}

/** The generated podman words of a unit (as systemd passes them). */
function words(stack: CreatedStack, unit: string): string[] {
  const w = stack.generated.get(unit);
  assert.ok(w, `no generated command for ${unit}`);
  return w;
}

/** Asserts `flag value` appears in the generated command of `unit`. */
function hasArg(stack: CreatedStack, unit: string, flag: string, value: string): void {
  const w = words(stack, unit);
  assert.ok(
    w.some((x, i) => x === flag && w[i + 1] === value),
    `${unit}: no ${flag} ${value} in ${w.join(" ")}`,
  );
}

async function inspect(stack: CreatedStack, unit: string, format: string): Promise<unknown> {
  const r = await podmanResult("inspect", stack.containers.get(unit) ?? "", "--format", `{{json ${format}}}`);
  assert.ok(r.ok, r.stderr);
  return JSON.parse(r.stdout);
}

async function env(stack: CreatedStack, unit: string): Promise<string[]> {
  return await inspect(stack, unit, ".Config.Env") as string[];
}

Deno.test("real compose files: Podman accepts every unit, with compose's names, mounts, values and words", async (t) => {
  await t.step("adguardhome: profiles, static IP on one of two networks, bridge options", async () => {
    const all = convertCompose(await readComposeFolder(`${REAL}07-adrienpoupa-adguardhome`), {});
    assert.ok(all.ok);
    assert.deepEqual(all.value.report.skipped.map((s) => s.service), [
      "dhcp-relay",
      "adguardhome",
      "traefik-certs-dumper",
    ]);
    await withStack(
      "07-adrienpoupa-adguardhome",
      { profiles: ["adguardhome", "adguardhome-dhcp"] },
      async (s) => {
        assert.deepEqual(words(s, "adguardhome.network"), [
          "network",
          "create",
          "--ignore",
          "--driver",
          "bridge",
          "--subnet",
          "10.0.0.0/24",
          "--opt",
          "com.docker.network.bridge.name=br_adguard",
          "07-adrienpoupa-adguardhome_adguardhome",
        ]);
        hasArg(
          s,
          "adguardhome.container",
          "--network",
          "07-adrienpoupa-adguardhome_adguardhome:ip=10.0.0.10",
        );
        hasArg(s, "adguardhome.container", "--network", "07-adrienpoupa-adguardhome_default");
        hasArg(
          s,
          "adguardhome.container",
          "--label",
          "traefik.http.routers.adguardhome.rule=(Host(`dns.localhost`))",
        );
        assert.deepEqual(await inspect(s, "dhcp-relay.container", ".Config.Cmd"), [
          "-id",
          "enp2s0",
          "-iu",
          "br_adguard",
          "10.0.0.10",
        ]);
      },
    );
  });

  await t.step("rybbit: configs from content mounted as Podman secrets at their targets", async () => {
    await withStack("13-haxxnet-rybbit", {}, async (s) => {
      hasArg(
        s,
        "clickhouse.container",
        "--secret",
        "13-haxxnet-rybbit_clickhouse_network,type=mount,target=/etc/clickhouse-server/config.d/network.xml",
      );
      assert.ok((await env(s, "clickhouse.container")).includes("CLICKHOUSE_USER=default"));
    });
  });

  await t.step("immich: extends from hwaccel.yml, env_file .env", async () => {
    await withStack("27-jimsgarage-immich-extends", {}, async (s) => {
      hasArg(s, "immich-microservices.container", "--device", "/dev/dri:/dev/dri");
      hasArg(
        s,
        "immich-microservices.container",
        "-v",
        "/home/ubuntu/docker/immich/upload:/usr/src/app/upload",
      );
      assert.deepEqual(await inspect(s, "immich-microservices.container", ".Config.Cmd"), [
        "start.sh",
        "microservices",
      ]);
      const e = await env(s, "immich-microservices.container");
      assert.ok(
        e.includes("DB_HOSTNAME=immich_postgres") && e.includes("REDIS_HOSTNAME=immich_redis"),
        e.join(),
      );
    });
  });

  await t.step(
    "automations: a one-shot init job others wait for, GPUs as CDI devices, a build",
    async (t2) => {
      await withStack("34-techhut-automations-build", {}, async (s) => {
        const init = s.run.services.get("ollama-init.service") ?? "";
        assert.match(init, /^Type=oneshot$/m);
        assert.match(init, /^RemainAfterExit=yes$/m);
        assert.doesNotMatch(words(s, "ollama-init.container").join(" "), / -d /);
        assert.match(s.run.services.get("n8n.service") ?? "", /^After=ollama-init\.service$/m);
        hasArg(s, "ollama.container", "--device", "nvidia.com/gpu=all");
        assert.deepEqual(words(s, "n8n.build").slice(0, 3), ["build", "--tag", "n8n-custom"]);
        await t2.step("the one-shot job runs to its end in the foreground", () => {
          assert.ok(!words(s, "ollama-init.container").includes("--sdnotify=conmon"));
        });
      });
    },
  );

  await t.step("htpc download box: an empty command word reaches the process", async () => {
    await withStack("35-sebgl-htpc-download-box", {}, async (s) => {
      assert.deepEqual(await inspect(s, "vpn.container", ".Config.Cmd"), ["-f", "", "-r", "192.168.1.0/24"]);
      hasArg(s, "deluge.container", "--network", "container:vpn");
      hasArg(s, "vpn.container", "-v", "/media/config/vpn:/vpn");
      assert.ok((await env(s, "deluge.container")).includes("TZ=America/New_York"));
    });
  });

  await t.step(
    "paperless: COMPOSE_PROJECT_NAME from .env names the volumes, env_file values arrive",
    async () => {
      await withStack("36-paperless-postgres-tika", {}, async (s) => {
        for (const v of ["data", "media", "pgdata", "redisdata"]) {
          assert.deepEqual(words(s, `${v}.volume`), ["volume", "create", "--ignore", `paperless_${v}`]);
        }
        hasArg(s, "webserver.container", "-v", "paperless_data:/usr/src/paperless/data");
        hasArg(
          s,
          "webserver.container",
          "-v",
          `${REAL}36-paperless-postgres-tika/export:/usr/src/paperless/export`,
        );
        const e = await env(s, "webserver.container");
        assert.ok(
          e.includes("PAPERLESS_SECRET_KEY=change-me") && e.includes("PAPERLESS_TIKA_ENABLED=1"),
          e.join(),
        );
        assert.deepEqual(await inspect(s, "gotenberg.container", ".Config.Cmd"), [
          "gotenberg",
          "--chromium-disable-javascript=true",
          "--chromium-allow-list=file:///tmp/.*",
        ]);
      });
    },
  );

  await t.step(
    "mediastack: name:, deploy resources, explicit volume names, service network mode",
    async () => {
      await withStack("43-compose2nix-testdata-mediastack", {}, async (s) => {
        assert.deepEqual(words(s, "myproject-books.volume").slice(-1), ["myproject_books"]);
        assert.deepEqual(words(s, "myproject-photos.volume").slice(-1), ["photos"]);
        assert.equal(
          await inspect(s, "myproject-jellyseerr.container", ".HostConfig.Memory"),
          1000 * 1024 * 1024,
        );
        assert.equal(
          await inspect(s, "myproject-jellyseerr.container", ".HostConfig.NanoCpus"),
          1_500_000_000,
        );
        assert.equal(
          await inspect(s, "myproject-jellyseerr.container", ".HostConfig.MemoryReservation"),
          500 * 1024 * 1024,
        );
        hasArg(s, "myproject-jellyseerr.container", "--network", "container:myproject-sabnzbd");
      });
    },
  );
});
