import assert from "node:assert/strict";
import { registerDiagnosticsTools } from "../../../../mcp/diagnostics/diagnostics_tools.ts";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { testDeps } from "../../../unit/mcp/_support/test_deps.ts";
import { testbedRuntime } from "../../_support/testbed_runtime.ts";
import { freeLoopbackPort } from "../../_support/free_port.ts";
import { runContainer } from "../../_support/run_container.ts";
import { errorOf, sc, serveApp } from "../../_support/serve_app.ts";

const API_KEY = "0123456789abcdef0123456789abcdef";

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`${url} never answered`);
}

/** A Sonarr-shaped config dir: config.xml with Port, UrlBase and an ApiKey that must never come out. */
async function configDir(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "arr-diag-cfg-" });
  await Deno.writeTextFile(
    `${dir}/config.xml`,
    `<Config>\n  <Port>8989</Port>\n  <UrlBase></UrlBase>\n  <ApiKey>${API_KEY}</ApiKey>\n</Config>\n`,
  );
  return dir;
}

/** busybox httpd on 8989 in the container; with `ping`, /ping answers {"status":"OK"} like Sonarr's. */
function httpdScript(ping: boolean): string {
  const file = ping ? `printf '{"status":"OK"}' > /www/ping && ` : "";
  return `mkdir -p /www && ${file}exec httpd -f -p 8989 -h /www`;
}

/**
 * What each test works with: a container name, a free loopback port, a Sonarr-shaped config dir and deps on the
 * real Podman API. Disposing removes the container and the config dir and closes the socket client.
 */
async function diagnoseCase(prefix: string) {
  const tb = testbed();
  const name = uniqueName(prefix);
  const cfg = await configDir();
  const { runtime, close } = testbedRuntime();
  return {
    image: tb.image,
    name,
    port: freeLoopbackPort(),
    cfg,
    deps: testDeps({ runtime, fetch }),
    async [Symbol.asyncDispose]() {
      await removeContainers(name);
      close();
      await Deno.remove(cfg, { recursive: true });
    },
  };
}

type DiagnoseCase = Awaited<ReturnType<typeof diagnoseCase>>;

/** Runs the case's container as a Sonarr stand-in (httpd, port and config dir) and waits until it answers. */
async function startSonarrStandIn(c: DiagnoseCase, ping: boolean, image = c.image): Promise<void> {
  await runContainer(c.name, {
    image,
    publish: [`127.0.0.1:${c.port}:8989`],
    volumes: [`${c.cfg}:/config`],
    command: ["sh", "-c", httpdScript(ping)],
  });
  await waitForHttp(`http://127.0.0.1:${c.port}/${ping ? "ping" : ""}`);
}

Deno.test("service_diagnose on a real running container: state, config dir, port and health all pass", async () => {
  await using c = await diagnoseCase("diag-up");
  await startSonarrStandIn(c, true);
  await using app = await serveApp(c.deps, [registerDiagnosticsTools]);
  await app.client.listTools(); // the client now validates results against the output schemas
  const res = await app.call("service_diagnose", { container: c.name, service: "sonarr" });
  assert.equal(res.isError, undefined, JSON.stringify(res));
  const d = sc(res);
  assert.equal(d.verdict, "healthy", JSON.stringify(d.checks));
  assert.deepEqual(d.checks.map((check: { name: string; status: string }) => [check.name, check.status]), [
    ["container", "ok"],
    ["config_dir", "ok"],
    ["port", "ok"],
    ["health", "ok"],
  ]);
  assert.equal(d.health_url, `http://127.0.0.1:${c.port}/ping`);
  assert.equal(d.config.port, 8989);
  assert.equal(d.config.file, `${c.cfg}/config.xml`);
  assert.equal(d.checks[3].details.http_status, 200);
  assert.ok(!JSON.stringify(res).includes(API_KEY), "the ApiKey leaked");
});

Deno.test("service_diagnose on a stopped container reports it down with its exit code and skips probes", async () => {
  await using c = await diagnoseCase("diag-stopped");
  await podman("run", "--name", c.name, "-v", `${c.cfg}:/config`, c.image, "sh", "-c", "exit 3").catch(() =>
    ""
  );
  await using app = await serveApp(c.deps, [registerDiagnosticsTools]);
  const d = sc(await app.call("service_diagnose", { container: c.name, service: "sonarr" }));
  assert.equal(d.verdict, "down");
  assert.equal(d.checks[0].status, "fail");
  assert.match(d.checks[0].summary, /exit code 3/);
  assert.equal(d.checks[2].status, "skip");
  assert.equal(d.checks[3].status, "skip");
});

Deno.test("service_diagnose finds a failing health path and a foreign-owned config dir", async () => {
  await using c = await diagnoseCase("diag-sick");
  await Deno.chown(c.cfg, 65534, 65534);
  await startSonarrStandIn(c, false);
  await using app = await serveApp(c.deps, [registerDiagnosticsTools]);
  const d = sc(await app.call("service_diagnose", { container: c.name, service: "sonarr" }));
  assert.equal(d.verdict, "down");
  const byName = Object.fromEntries(d.checks.map((check: { name: string }) => [check.name, check]));
  assert.equal(byName.config_dir.status, "warn");
  assert.match(byName.config_dir.summary, /owned by uid 65534/);
  assert.equal(byName.port.status, "ok");
  assert.equal(byName.health.status, "fail");
  assert.match(byName.health.summary, /HTTP 404/);
});

Deno.test("service_diagnose reports a published port nothing listens on as failed", async () => {
  await using c = await diagnoseCase("diag-closed");
  // Published 8989, but the server inside listens on 9999: the host port leads nowhere.
  await runContainer(c.name, {
    image: c.image,
    publish: [`127.0.0.1:${c.port}:8989`],
    command: ["httpd", "-f", "-p", "9999"],
  });
  await using app = await serveApp(c.deps, [registerDiagnosticsTools]);
  const d = sc(
    await app.call("service_diagnose", { container: c.name, service: "sonarr", timeout_ms: 1500 }),
  );
  const byName = Object.fromEntries(d.checks.map((check: { name: string }) => [check.name, check]));
  assert.equal(byName.container.status, "ok");
  assert.equal(byName.config_dir.status, "skip");
  assert.equal(byName.port.status, "fail", JSON.stringify(byName.port));
  assert.equal(byName.health.status, "fail");
  assert.equal(d.verdict, "down");
});

/**
 * An image of our own named like linuxserver's Sonarr: committed from a throwaway container, so it has its
 * own id and removing it never touches the shared busybox image.
 */
async function sonarrLookalikeImage(baseImage: string, tag: string): Promise<() => Promise<void>> {
  const builder = uniqueName("scan-build");
  try {
    await podman("create", "--name", builder, baseImage, "true");
    await podman("commit", "-q", builder, tag);
  } finally {
    await removeContainers(builder);
  }
  const ours = await podman("image", "inspect", "--format", "{{.Id}}", tag);
  const shared = await podman("image", "inspect", "--format", "{{.Id}}", baseImage);
  assert.notEqual(ours, shared);
  // `podman untag IMAGE NAME` removes exactly NAME; the image is ours alone, so rmi of its id is safe too.
  return async () => {
    await podman("untag", tag, tag).catch(() => "");
    await podman("rmi", "--ignore", ours).catch(() => "");
  };
}

Deno.test("service_scan recognises a container by its linuxserver image name and reports its config dir", async () => {
  await using c = await diagnoseCase("scan");
  const tag = `localhost/linuxserver/sonarr:${c.name}`;
  let removeImage = async () => {};
  try {
    removeImage = await sonarrLookalikeImage(c.image, tag);
    await startSonarrStandIn(c, true, tag);
    await using app = await serveApp(c.deps, [registerDiagnosticsTools]);
    await app.client.listTools();
    const scan = sc(await app.call("service_scan", {}));
    const found = scan.services.find((s: { container: string }) => s.container === c.name);
    assert.ok(found, JSON.stringify(scan));
    assert.equal(found.service, "sonarr");
    assert.equal(found.matched_by, "image");
    assert.equal(found.state, "running");
    assert.equal(found.config_dir, c.cfg);
    assert.deepEqual(found.published, [`127.0.0.1:${c.port}->8989/tcp`]);
    // Identified from the image alone: no service argument needed.
    const d = sc(await app.call("service_diagnose", { container: c.name }));
    assert.equal(d.service, "sonarr");
    assert.equal(d.verdict, "healthy", JSON.stringify(d.checks));
  } finally {
    // The image goes only after the container that uses it.
    await removeContainers(c.name);
    await removeImage();
  }
});

Deno.test("service_diagnose names the missing container and asks for service on an unknown image", async () => {
  await using c = await diagnoseCase("diag-unknown");
  await podman("create", "--name", c.name, c.image, "true");
  await using app = await serveApp(c.deps, [registerDiagnosticsTools]);
  const missing = await app.call("service_diagnose", { container: uniqueName("nope") });
  assert.equal(errorOf(missing).kind, "not_found");
  const unknown = await app.call("service_diagnose", { container: c.name });
  assert.equal(errorOf(unknown).kind, "unknown_service");
  assert.match(errorOf(unknown).message, /pass service/);
});
