/** Spawns the real CLI with the permission flags the `convert` task ships with. */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { FIXTURES } from "./_fixture_stack.ts";
import { assertGeneratorAccepts } from "./quadlet_generator.ts";

const CLI = fileURLToPath(new URL("../../../../shared/quadlet/cli.ts", import.meta.url));

async function cli(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-read", "--allow-write", "--allow-env", CLI, ...args],
    env: { NO_COLOR: "1", ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "arr-convert-cli-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("convert CLI writes units and a JSON report, exit 0", async () => {
  await withTempDir(async (dir) => {
    const r = await cli([
      `${FIXTURES}arr-stack/compose.yaml`,
      "--out",
      `${dir}/units`,
      "--report",
      `${dir}/report.json`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Wrote 7 unit\(s\) to .*\/units: media-sonarr\.container, /);
    const files = [...Deno.readDirSync(`${dir}/units`)].map((e) => e.name).sort();
    assert.deepEqual(files, [
      "media-arr.network",
      "media-prowlarr-config.volume",
      "media-prowlarr.container",
      "media-qbittorrent.container",
      "media-radarr.container",
      "media-sabnzbd.container",
      "media-sonarr.container",
    ]);
    const report = JSON.parse(await Deno.readTextFile(`${dir}/report.json`));
    assert.deepEqual(Object.keys(report), ["units", "unsupported", "warnings", "skipped"]);
    assert.equal(report.units.length, 7);
    const units = Object.fromEntries(files.map((f) => [f, Deno.readTextFileSync(`${dir}/units/${f}`)]));
    assert.match(units["media-sonarr.container"] ?? "", /^Environment=TZ=Europe\/Berlin$/m);
    await assertGeneratorAccepts(units);
  });
});

Deno.test("convert CLI prints units headed by file name without --out and reports unsupported keys", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/compose.yaml`,
      "services:\n  web:\n    image: nginx\n    deploy:\n      replicas: 2\n",
    );
    const r = await cli([`${dir}/compose.yaml`, "--project-name", "demo"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      "# web.container\n[Container]\nImage=docker.io/library/nginx\nContainerName=web\nNetwork=default.network\n\n" +
        "[Service]\nTimeoutStartSec=900\n\n" +
        "# default.network\n[Network]\nNetworkName=demo_default\n\n",
    );
    assert.match(
      r.stderr,
      /unsupported: service "web": key "deploy.replicas": a quadlet unit runs one container/,
    );
  });
});

Deno.test("convert CLI: the shell environment beats .env, --env-file replaces .env", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/compose.yaml`, "services:\n  web:\n    image: nginx:${TAG}\n");
    await Deno.writeTextFile(`${dir}/.env`, "TAG=dotenv\n");
    await Deno.writeTextFile(`${dir}/other.env`, "TAG=other\n");
    assert.match((await cli([`${dir}/compose.yaml`])).stdout, /^Image=docker\.io\/library\/nginx:dotenv$/m);
    assert.match(
      (await cli([`${dir}/compose.yaml`], { TAG: "shell" })).stdout,
      /^Image=docker\.io\/library\/nginx:shell$/m,
    );
    assert.match(
      (await cli([`${dir}/compose.yaml`, "--env-file", `${dir}/other.env`])).stdout,
      /^Image=docker\.io\/library\/nginx:other$/m,
    );
  });
});

Deno.test("convert CLI exits 2 naming file, service and key on invalid input", async (t) => {
  await withTempDir(async (dir) => {
    await t.step("missing compose file", async () => {
      const r = await cli([`${dir}/nope.yaml`]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^Cannot read compose file ".*\/nope\.yaml": file is missing or unreadable/);
    });
    await t.step("YAML syntax error", async () => {
      await Deno.writeTextFile(`${dir}/bad.yaml`, "services:\n  web:\n    image: [oops\n");
      const r = await cli([`${dir}/bad.yaml`]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /bad\.yaml: Cannot parse YAML \(line \d+, column \d+\)/);
    });
    await t.step("service with neither image nor build", async () => {
      await Deno.writeTextFile(`${dir}/noimage.yaml`, "services:\n  web:\n    ports: ['80']\n");
      const r = await cli([`${dir}/noimage.yaml`, "--out", `${dir}/out`]);
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        /noimage\.yaml: service "web": key "image": Cannot convert service: it has neither/,
      );
      assert.equal(await Deno.stat(`${dir}/out`).then(() => true).catch(() => false), false);
    });
    await t.step("missing required variable", async () => {
      await Deno.writeTextFile(`${dir}/empty.env`, "");
      const r = await cli([`${FIXTURES}gluetun/compose.yaml`, "--env-file", `${dir}/empty.env`]);
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        /compose\.yaml: service "gluetun": key "environment\[2\]": Required variable "WIREGUARD_PRIVATE_KEY" is missing a value: set WIREGUARD_PRIVATE_KEY in \.env/,
      );
    });
    await t.step("unknown --podman-version and bad arguments", async () => {
      await Deno.writeTextFile(`${dir}/ok.yaml`, "services:\n  web:\n    image: nginx\n");
      const r = await cli([`${dir}/ok.yaml`, "--podman-version", "latest"]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /Cannot use Podman version "latest"/);
      const none = await cli([]);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /expected exactly one compose file, got 0/);
    });
  });
});

Deno.test("convert CLI replaces units atomically and leaves no temp files", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/compose.yaml`, "services:\n  web:\n    image: nginx:1\n");
    assert.equal((await cli([`${dir}/compose.yaml`, "--out", dir, "--stack", "demo"])).code, 0);
    await Deno.writeTextFile(`${dir}/compose.yaml`, "services:\n  web:\n    image: nginx:2\n");
    assert.equal((await cli([`${dir}/compose.yaml`, "--out", dir, "--stack", "demo"])).code, 0);
    assert.match(
      await Deno.readTextFile(`${dir}/demo-web.container`),
      /^Image=docker\.io\/library\/nginx:2$/m,
    );
    assert.equal(((await Deno.stat(`${dir}/demo-web.container`)).mode ?? 0) & 0o777, 0o600);
    const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert.deepEqual(names, ["compose.yaml", "demo-default.network", "demo-web.container"]);
  });
});

Deno.test("convert CLI reads the files that include and extends name, nested ones too", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/db`);
    await Deno.writeTextFile(
      `${dir}/compose.yaml`,
      "include: [db/compose.yaml]\nservices:\n  web:\n    image: docker.io/library/x\n    extends:\n      file: base.yml\n      service: base\n",
    );
    await Deno.writeTextFile(`${dir}/base.yml`, "services:\n  base:\n    volumes: [./www:/www]\n");
    await Deno.writeTextFile(
      `${dir}/db/compose.yaml`,
      "include: [extra.yaml]\nservices:\n  db:\n    image: docker.io/library/postgres\n",
    );
    await Deno.writeTextFile(
      `${dir}/db/extra.yaml`,
      "services:\n  cache:\n    image: docker.io/library/redis\n",
    );
    const r = await cli([`${dir}/compose.yaml`, "--project-name", "demo"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# db\.container$/m);
    assert.match(r.stdout, /^# cache\.container$/m);
    assert.match(r.stdout, new RegExp(`^Volume=${dir}/www:/www$`, "m"));
  });
});
