import assert from "node:assert/strict";
import { createDetectingRuntime } from "../../../../../mcp/clients/runtime/detecting_runtime.ts";
import { createHttpRuntime } from "../../../../../mcp/clients/runtime/http_runtime.ts";
import { unixSocketFetch } from "../../../../../mcp/clients/unix/unix_fetch.ts";
import { podman, removeContainers, testbed, uniqueName } from "../../../../testbed/testbed.ts";
import { runContainer } from "../../../_support/run_container.ts";

Deno.test("createHttpRuntime() in docker mode works against Podman's Docker-compatible API", async () => {
  const tb = testbed();
  const name = uniqueName("compat");
  const rt = createHttpRuntime({
    kind: "docker",
    fetch: unixSocketFetch(tb.podmanSocket).fetch,
    socket: tb.podmanSocket,
  });
  try {
    await runContainer(name, {
      image: tb.image,
      labels: { "com.docker.compose.project": "arrtest-compat" },
      command: ["sh", "-c", "echo hello; echo oops >&2; sleep 300"],
    });
    const list = await rt.list({ all: true });
    assert.ok(list.ok);
    const mine = list.value.find((c) => c.name === name);
    assert.equal(mine?.state, "running");
    assert.equal(mine?.composeProject, "arrtest-compat");
    const inspect = await rt.inspect(name);
    assert.ok(inspect.ok);
    assert.equal(inspect.value.running, true);
    // Docker's answer names the image `sha256:<id>`; the client gives the bare id, as Podman's own does.
    assert.equal(inspect.value.imageId, await podman("inspect", "--format", "{{.Image}}", name));
    let logs = await rt.logs(name, { tail: 10 });
    for (let i = 0; i < 40 && logs.ok && logs.value.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      logs = await rt.logs(name, { tail: 10 });
    }
    assert.deepEqual(logs.ok && logs.value, [{ stream: "stdout", text: "hello" }, {
      stream: "stderr",
      text: "oops",
    }]);
    const stats = await rt.stats(name);
    assert.ok(stats.ok, JSON.stringify(stats));
    assert.ok(stats.value.memUsageBytes > 0);
    const stopped = await rt.stop(name, { timeoutSeconds: 0 });
    assert.deepEqual(stopped, { ok: true, value: { changed: true } });
    const again = await rt.stop(name, { timeoutSeconds: 0 });
    assert.deepEqual(again, { ok: true, value: { changed: false } });
    const missing = await rt.inspect(uniqueName("absent"));
    assert.equal(!missing.ok && missing.error.kind, "not_found");
  } finally {
    await removeContainers(name);
  }
});

Deno.test("createDetectingRuntime() finds Podman from /_ping and reads past events", async () => {
  const tb = testbed();
  const name = uniqueName("events");
  const rt = createDetectingRuntime({
    socket: tb.podmanSocket,
    fetch: unixSocketFetch(tb.podmanSocket).fetch,
  });
  try {
    const info = await rt.info();
    assert.ok(info.ok);
    assert.equal(info.value.kind, "podman");
    assert.equal(info.value.rootless, false);
    const since = Math.floor(Date.now() / 1000) - 2;
    await podman("run", "-d", "--name", name, tb.image, "sleep", "300");
    await podman("stop", "-t", "0", name);
    const events = await rt.events({ since, filters: { container: [name] } });
    assert.ok(events.ok, JSON.stringify(events));
    const actions = events.value.filter((e) => e.name === name).map((e) => e.action);
    assert.ok(actions.includes("start"), actions.join(","));
    assert.ok(actions.includes("died") || actions.includes("stop"), actions.join(","));
    const removed = await rt.remove(name, { force: true });
    assert.deepEqual(removed, { ok: true, value: undefined });
  } finally {
    await removeContainers(name);
  }
});

Deno.test("createDetectingRuntime() reports a missing socket as unreachable and recovers once it answers", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/late.sock`;
  try {
    const rt = createDetectingRuntime({ socket: path, fetch: unixSocketFetch(path).fetch });
    const before = await rt.list();
    assert.equal(!before.ok && before.error.kind, "unreachable");
    const server = Deno.serve({ path, onListen: () => {} }, (req) => {
      const p = new URL(req.url).pathname;
      // Docker's /_ping: no Libpod-Api-Version header.
      if (p === "/_ping") return new Response("OK", { headers: { "Api-Version": "1.46" } });
      if (p === "/v1.41/containers/json") {
        return Response.json([{ Id: "x", Names: ["/web"], State: "running", Labels: {} }]);
      }
      return new Response("{}", { status: 404 });
    });
    try {
      const after = await rt.list();
      assert.ok(after.ok);
      assert.equal(after.value[0]?.name, "web");
    } finally {
      await server.shutdown();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
