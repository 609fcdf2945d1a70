/**
 * systemd/Containerfile built by the real Podman with no registry (`--pull=never`, `--network=none`, on the base
 * image tests/testbed/deno_base_image.sh makes) and run with the very `podman run` line the real quadlet
 * generator makes of systemd/arr-mcp.container, the testbed's private Podman API socket folder mounted as the
 * runtime socket folder. Then over HTTP on loopback, as a user would: /healthz, the API key read the README's
 * way, MCP initialize + tools/list, container_list showing the testbed's real containers, the unit's health
 * check, and a stop that SIGTERM ends. Removes its container, volume and image.
 */
import assert from "node:assert/strict";
import { dirname } from "node:path";
import { freeLoopbackPort } from "../_support/free_port.ts";
import { connectHttpClient } from "../_support/http_client.ts";
import { runContainer } from "../_support/run_container.ts";
import { runGenerator } from "../shared/quadlet/quadlet_generator.ts";
import { podman, removeContainers, testbed, uniqueName } from "../../testbed/testbed.ts";
import { buildImage, imageSize, REPO } from "./arr_mcp_image.ts";
import { runArgsFromExecStart } from "./quadlet_run_args.ts";

const UNIT = `${REPO}systemd/arr-mcp.container`;

/** Polls /healthz until it answers 200; fails with the container's log as soon as the container is not running. */
async function waitForHealthz(name: string, port: number): Promise<Response> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    if (r?.ok) return r;
    await r?.body?.cancel();
    if (await podman("inspect", "--format", "{{.State.Running}}", name) !== "true") break;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`arr-mcp in the container never answered /healthz:\n${await podman("logs", name)}`);
}

Deno.test("systemd/Containerfile builds offline, and the image run as arr-mcp.container says serves MCP with the testbed's containers", async (t) => {
  const tb = testbed();
  const name = uniqueName("image");
  const image = `localhost/${name}:latest`;
  const volume = `${name}-data`;
  const probe = uniqueName("image-probe");
  const host = await Deno.makeTempDir({ prefix: "arr-image-" });
  try {
    await t.step("podman build --pull=never -f systemd/Containerfile", async () => {
      await buildImage(image);
      console.log(`image size: ${(await imageSize(image) / 1e6).toFixed(0)} MB`);
    });

    const generated = await runGenerator({ "arr-mcp.container": await Deno.readTextFile(UNIT) });
    assert.equal(generated.code, 0, generated.stderr);
    const execStart = generated.stdout.split("\n").find((l) => l.startsWith("ExecStart=")) ?? "";
    for (const d of ["arr-helper", "stacks", "media"]) await Deno.mkdir(`${host}/${d}`);
    const port = freeLoopbackPort();
    const args = runArgsFromExecStart(execStart, {
      name,
      image: { unit: "localhost/arr-mcp:latest", run: image },
      volumes: {
        "arr-mcp-data": volume,
        // The runtime socket folder: the testbed's private `podman system service` socket lives in it.
        "%t/podman": dirname(tb.podmanSocket),
        "%t/arr-helper": `${host}/arr-helper`,
        "/opt/stacks": `${host}/stacks`,
        "/media-server": `${host}/media`,
      },
      // Host networking: a free port, not 8484, so parallel runs and a real install on this host don't clash.
      env: { ARR_MCP_PORT: String(port) },
    });
    await runContainer(probe, { image: tb.image, command: ["sleep", "600"] });
    await podman("run", "-d", ...args);

    await t.step("/healthz answers on the host's loopback", async () => {
      const r = await waitForHealthz(name, port);
      assert.equal(r.status, 200);
      await r.body?.cancel();
    });

    // The README's way to the key: read it inside the container from the data volume.
    const key = await podman("exec", name, "cat", "/data/api-key");
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
      const out = await new Deno.Command("podman", {
        args: ["healthcheck", "run", name],
        stdout: "piped",
        stderr: "piped",
      })
        .output();
      const dec = new TextDecoder();
      assert.equal(out.code, 0, `podman healthcheck run: ${dec.decode(out.stdout)}${dec.decode(out.stderr)}`);
    });

    await t.step("podman stop ends it with SIGTERM, not the SIGKILL after StopTimeout", async () => {
      await podman("stop", name);
      const code = await podman("inspect", "--format", "{{.State.ExitCode}}", name);
      assert.notEqual(code, "137", `killed after the stop timeout:\n${await podman("logs", name)}`);
    });
  } finally {
    await removeContainers(name, probe);
    await new Deno.Command("podman", { args: ["volume", "rm", "-f", volume], stdout: "null", stderr: "null" })
      .output();
    await new Deno.Command("podman", { args: ["rmi", "-f", image], stdout: "null", stderr: "null" }).output();
    await Deno.remove(host, { recursive: true });
  }
});
