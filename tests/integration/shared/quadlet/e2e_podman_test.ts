/**
 * The whole chain with real components: compose → converter → quadlet 5.4.2 generator → the ExecStart= line,
 * read the way systemd reads it (quoting, %-specifiers, $$) → real Podman runs it. Checks that values with
 * spaces, quotes, %, $, backslashes and non-ASCII arrive in the container unchanged.
 */
import assert from "node:assert/strict";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { convertFixture, unitMap } from "./_fixture_stack.ts";
import { assertGeneratorAccepts, execStart, systemdWords } from "./quadlet_generator.ts";

Deno.test("a converted unit runs under real Podman with every value intact", async () => {
  const tb = testbed();
  const name = `conv-test-e2e-${crypto.randomUUID().slice(0, 8)}`;
  const runtimeDir = await Deno.makeTempDir();
  try {
    const c = await convertFixture("e2e-busybox", { projectName: name }, {
      ARR_TEST_IMAGE: tb.image,
      NAME: name,
    });
    const run = await assertGeneratorAccepts(unitMap(c));
    const net = systemdWords(execStart(run, "default-network.service"), {});
    // Podman 4.3.1 has no `network create --ignore` (4.4+).
    await podman(...net.slice(1).filter((w) => w !== "--ignore"));
    const words = systemdWords(execStart(run, "web.service"), { t: runtimeDir, N: "web", n: "web.service" });
    assert.equal(words[0], "/usr/bin/podman");
    assert.ok(words.includes(`${name}_default`), words.join(" "));
    // Podman 4.3.1 here runs without systemd cgroups (testbed note); everything else is as generated.
    const args = words.slice(1).filter((w) => w !== "--cgroups=split");
    await podman(...args);
    const env = await podman("exec", name, "env");
    assert.match(env, /^GREETING=hello world$/m);
    assert.match(env, /^PERCENT=100%$/m);
    assert.match(env, /^DOLLAR=a\$b$/m);
    assert.match(env, /^QUOTED=say "hi"$/m);
    assert.match(env, /^BACKSLASH=C:\\temp\\new$/m);
    assert.match(env, /^UNICODE=héllo ☃$/m);
    const inspect = JSON.parse(await podman("inspect", name))[0];
    assert.equal(inspect.Config.Labels["com.example.description"], "web root with spaces");
    assert.deepEqual(inspect.Config.Healthcheck.Test, ["CMD-SHELL", "wget -q -O- http://127.0.0.1:8080/"]);
    assert.deepEqual(inspect.Config.Cmd, ["busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]);
    const port = (await podman("port", name, "8080/tcp")).trim();
    assert.match(port, /^127\.0\.0\.1:\d+$/);
    let body = "";
    for (let i = 0; i < 50 && body === ""; i++) {
      body = await fetch(`http://${port}/`).then((r) => r.text()).catch(() => "");
      if (body === "") await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(body, /converted by arr-mcp/);
  } finally {
    await removeContainers(name);
    await removeNetworks(`${name}_default`);
    await Deno.remove(runtimeDir, { recursive: true });
  }
});

Deno.test("converted stack units run under real Podman: services reach each other by service name", async () => {
  const tb = testbed();
  const stack = uniqueName("stack");
  const network = `${stack}-net`;
  const runtimeDir = await Deno.makeTempDir();
  const compose = `name: ${stack}
services:
  web:
    image: \${IMAGE}
    command: [busybox, httpd, -f, -p, "8080"]
  client:
    image: \${IMAGE}
    command: [sleep, "60"]
    depends_on: [web]
networks:
  default:
    name: ${network}
`;
  try {
    const { convertCompose } = await import("../../../../shared/quadlet/convert.ts");
    const r = convertCompose({ compose, projectDir: runtimeDir, env: { IMAGE: tb.image } });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
    assert.deepEqual(r.value.report.units, [
      `${stack}-web.container`,
      `${stack}-client.container`,
      `${stack}-default.network`,
    ]);
    const run = await assertGeneratorAccepts(unitMap(r.value));
    for (
      const service of [`${stack}-default-network.service`, `${stack}-web.service`, `${stack}-client.service`]
    ) {
      const name = service.replace(/\.service$/, "");
      const words = systemdWords(execStart(run, service), { t: runtimeDir, N: name, n: service });
      // Podman 4.3.1 here has neither --cgroups=split (no systemd) nor `network create --ignore` (4.4+).
      await podman(...words.slice(1).filter((w) => w !== "--cgroups=split" && w !== "--ignore"));
    }
    assert.match(await podman("network", "inspect", network), new RegExp(`"name": "${network}"`));
    const ping = await podman("exec", `${stack}-client`, "ping", "-c", "1", "-W", "3", "web");
    assert.match(ping, /1 packets received/);
  } finally {
    await removeContainers(`${stack}-client`, `${stack}-web`);
    await removeNetworks(network);
    await Deno.remove(runtimeDir, { recursive: true });
  }
});

async function removeNetworks(...names: string[]): Promise<void> {
  await new Deno.Command("podman", {
    args: ["network", "rm", "-f", ...names],
    stdout: "null",
    stderr: "null",
  })
    .output();
}
