/**
 * The whole chain with real components: compose → converter → quadlet 5.4.2 generator → the ExecStart= line,
 * read the way systemd reads it (quoting, %-specifiers, $$) → real Podman runs it. Checks that values with
 * spaces, quotes, %, $, backslashes and non-ASCII arrive in the container unchanged.
 */
import assert from "node:assert/strict";
import { podman, removeContainers, testbed, uniqueName } from "../../testbed/testbed.ts";
import { convertFixture, unitMap } from "./_fixture_stack.ts";
import { assertGeneratorAccepts, execStart, systemdWords } from "./quadlet_generator.ts";

Deno.test("a converted unit runs under real Podman with every value intact", async () => {
  const tb = testbed();
  const name = uniqueName("convert-e2e");
  const runtimeDir = await Deno.makeTempDir();
  try {
    const c = await convertFixture("e2e-busybox", {}, { ARR_TEST_IMAGE: tb.image, NAME: name });
    const run = await assertGeneratorAccepts(unitMap(c));
    const words = systemdWords(execStart(run, "web.service"), { t: runtimeDir, N: "web", n: "web.service" });
    assert.equal(words[0], "/usr/bin/podman");
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
    await Deno.remove(runtimeDir, { recursive: true });
  }
});
