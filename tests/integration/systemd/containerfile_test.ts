/**
 * systemd/Containerfile built by the real Podman with no registry (`--pull=never`, `--network=none`, on the base
 * image tests/testbed/deno_base_image.sh makes) and run rootless, as the testbed's service account, with the very
 * `podman run` line the real quadlet generator makes of systemd/arr-mcp.container: `%t` is a private runtime
 * folder of the account whose `podman/` holds the account's own Podman API socket (a podman.socket stand-in
 * started for this test). Then over HTTP on loopback, as a user would: /healthz, the API key read the README's
 * way, MCP initialize + tools/list, container_list showing the account's real containers, the unit's health
 * check, and a stop that SIGTERM ends. Removes its containers, volume, image and folders.
 */
import assert from "node:assert/strict";
import { freeLoopbackPort } from "../_support/free_port.ts";
import { connectHttpClient } from "../_support/http_client.ts";
import { runGenerator } from "../shared/quadlet/quadlet_generator.ts";
import { uniqueName } from "../../testbed/testbed.ts";
import { buildImage, imageSize, REPO } from "./arr_mcp_image.ts";
import { runArgsFromExecStart } from "./quadlet_run_args.ts";
import { type RootlessAccount, rootlessAccount, startApiService } from "./rootless_podman.ts";

const UNIT = `${REPO}systemd/arr-mcp.container`;
const BASE_IMAGE = "docker.io/denoland/deno:2.9.6";

/** Polls /healthz until it answers 200; fails with the container's log as soon as the container is not running. */
async function waitForHealthz(account: RootlessAccount, name: string, port: number): Promise<Response> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    if (r?.ok) return r;
    await r?.body?.cancel();
    if (await account.podman(["inspect", "--format", "{{.State.Running}}", name]) !== "true") break;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(
    `arr-mcp in the container never answered /healthz:\n${await account.podman(["logs", name])}`,
  );
}

/** Gives a folder to the account (mode 0700), as its runtime and data folders are. */
async function chownToAccount(account: RootlessAccount, path: string): Promise<string> {
  await Deno.chmod(path, 0o700);
  const chown = await new Deno.Command("chown", { args: [`${account.user}:`, path] }).output();
  assert.ok(chown.success, `chown ${path}`);
  return path;
}

/** A new folder of the account. */
async function accountDir(account: RootlessAccount, path: string): Promise<string> {
  await Deno.mkdir(path);
  return await chownToAccount(account, path);
}

Deno.test("systemd/Containerfile builds offline, and the image run rootless as arr-mcp.container says serves MCP with the account's containers", async (t) => {
  const account = await rootlessAccount();
  const name = uniqueName("image");
  const image = `localhost/${name}:latest`;
  const volume = `${name}-data`;
  const probe = uniqueName("image-probe");
  // %t of this run: a private folder in the account's runtime dir, so parallel runs never share a socket.
  const runtime = `${account.runtimeDir}/${name}`;
  const host = await Deno.makeTempDir({ prefix: "arr-image-" });
  let api: { stop(): Promise<void> } | undefined;
  try {
    await accountDir(account, runtime);
    await chownToAccount(account, host);
    await t.step("podman build --pull=never -f systemd/Containerfile, rootless", async () => {
      await buildImage(account, image);
      console.log(`image size: ${(await imageSize(account, image) / 1e6).toFixed(0)} MB`);
    });

    for (const d of ["podman", "arr-helper"]) await accountDir(account, `${runtime}/${d}`);
    for (const d of ["stacks", "media"]) await accountDir(account, `${host}/${d}`);
    api = await startApiService(account, `${runtime}/podman/podman.sock`);
    const generated = await runGenerator({ "arr-mcp.container": await Deno.readTextFile(UNIT) });
    assert.equal(generated.code, 0, generated.stderr);
    const execStart = generated.stdout.split("\n").find((l) => l.startsWith("ExecStart=")) ?? "";
    const port = freeLoopbackPort();
    const args = runArgsFromExecStart(execStart, {
      name,
      image: { unit: "localhost/arr-mcp:latest", run: image },
      volumes: {
        "arr-mcp-data": volume,
        "%t/podman": `${runtime}/podman`,
        "%t/arr-helper": `${runtime}/arr-helper`,
        "/opt/stacks": `${host}/stacks`,
        "/media-server": `${host}/media`,
      },
      // Host networking: a free port, not 8484, so parallel runs and a real install on this host don't clash.
      env: { ARR_MCP_PORT: String(port) },
    });
    // A container of the account that container_list must show besides arr-mcp's own.
    await account.podman(["run", "-d", "--name", probe, "--entrypoint", "sleep", BASE_IMAGE, "600"]);
    await account.podman(["run", "-d", ...args]);

    await t.step("/healthz answers on the host's loopback", async () => {
      const r = await waitForHealthz(account, name, port);
      assert.equal(r.status, 200);
      await r.body?.cancel();
    });

    await t.step("the container runs the bundle made at build time, not the source", async () => {
      const logs = await account.podman(["logs", name]);
      assert.match(logs, /^arr-mcp: running the bundle \.build\/arr-mcp-[0-9a-f]{16}\.js$/m, logs);
    });

    // The README's way to the key: read it inside the container from the data volume.
    const key = await account.podman(["exec", name, "cat", "/data/api-key"]);
    assert.match(key, /^[A-Za-z0-9_-]{43}$/);

    await t.step("MCP initialize, tools/list and container_list over the mounted socket folder", async () => {
      const client = await connectHttpClient(`http://127.0.0.1:${port}/mcp`, key);
      try {
        const tools = (await client.listTools()).tools.map((tool: { name: string }) => tool.name);
        assert.ok(tools.includes("container_list") && tools.includes("disk_usage"), tools.join(", "));
        const r = await client.callTool({ name: "container_list", arguments: { all: true } });
        assert.notEqual(r.isError, true, JSON.stringify(r.content));
        const listed = JSON.stringify(r.structuredContent);
        assert.ok(listed.includes(probe), `container_list lacks ${probe}: ${listed.slice(0, 400)}`);
        assert.ok(listed.includes(name), `container_list lacks arr-mcp's own container ${name}`);
      } finally {
        await client.close();
      }
    });

    await t.step("the unit's HealthCmd passes inside the container", async () => {
      const r = await account.podmanRun(["healthcheck", "run", name]);
      assert.equal(r.code, 0, `podman healthcheck run: ${r.stdout}\n${r.stderr}`);
    });

    await t.step("podman stop ends it with SIGTERM, not the SIGKILL after StopTimeout", async () => {
      await account.podman(["stop", name]);
      const code = await account.podman(["inspect", "--format", "{{.State.ExitCode}}", name]);
      assert.notEqual(code, "137", `killed after the stop timeout:\n${await account.podman(["logs", name])}`);
    });
  } finally {
    await account.podmanRun(["rm", "-f", "-t", "0", "--ignore", name, probe]);
    await account.podmanRun(["volume", "rm", "-f", volume]);
    await account.podmanRun(["rmi", "-f", image]);
    await api?.stop();
    await Deno.remove(runtime, { recursive: true }).catch(() => {});
    await Deno.remove(host, { recursive: true });
  }
});
