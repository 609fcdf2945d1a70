/**
 * Regression for the hostile-input review: a real container whose logs, labels, command and mount source
 * carry secrets, and a real stack whose podman-compose output echoes `-e API_TOKEN=…`; nothing reaches the
 * client unredacted.
 */
import assert from "node:assert/strict";
import { removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { runContainer } from "../../_support/run_container.ts";
import { serveArrMcp } from "../../_support/harness.ts";
import { helperDirs, startHelper } from "../../helper/helper_process.ts";
import { writeStack } from "../../helper/stack_fixture.ts";

const SECRETS = ["k-it-111", "pw-it-222", "tok-it-333", "pw-it-444", "apr1", "pw-it-555", "k-it-666"];

function assertNoSecret(value: unknown): void {
  const text = JSON.stringify(value);
  for (const s of SECRETS) assert.ok(!text.includes(s), `${s} leaked: ${text.slice(0, 2000)}`);
}

const LOG_LINES = [
  "GET /api?apikey=k-it-666 200",
  "login password: pw-it-222",
  "Authorization: Bearer tok-it-333",
  "sending Bearer tok-it-333",
  "db at postgres://app:pw-it-444@db/app",
  "ready",
];

Deno.test("container_logs and container_inspect redact a real container's secrets", async (t) => {
  const tb = testbed();
  const name = uniqueName("leaks");
  const mountDir = await Deno.makeTempDir({ prefix: "arr-leaks-" });
  const source = `${mountDir}/password=pw-it-555`;
  await Deno.mkdir(source);
  const served = await serveArrMcp({ env: { ARR_RUNTIME_SOCKET: tb.podmanSocket } });
  try {
    const script = `${LOG_LINES.map((l) => `echo '${l}'`).join("; ")}; sleep 3600`;
    await runContainer(name, {
      image: tb.image,
      labels: {
        "traefik.http.middlewares.x.basicauth.users": "user:$$apr1$$hash",
        "traefik.http.routers.web.rule": "Host(`web.lan`)",
      },
      volumes: [`${source}:/data:ro`],
      command: ["sh", "-c", script, "--api-key=k-it-111", "--password", "pw-it-222"],
    });
    await new Promise((r) => setTimeout(r, 800));

    await t.step("container_logs redacts every line", async () => {
      const r = await served.call("container_logs", { container: name });
      assertNoSecret(r);
      assert.equal(r.structuredContent.count, LOG_LINES.length);
      assert.equal(r.structuredContent.redactions, 5);
      assert.equal(r.structuredContent.lines.at(-1).text, "ready");
    });

    await t.step("container_logs greps redacted text: a guessed secret matches nothing", async () => {
      const guess = await served.call("container_logs", { container: name, grep: "tok-it-333" });
      assert.equal(guess.structuredContent.count, 0);
      const bearer = await served.call("container_logs", { container: name, grep: "bearer" });
      assertNoSecret(bearer);
      assert.equal(bearer.structuredContent.count, 2);
    });

    await t.step("container_inspect redacts labels, command words and the mount source", async () => {
      const r = await served.call("container_inspect", { container: name });
      assertNoSecret(r);
      const d = r.structuredContent;
      assert.equal(d.labels["traefik.http.middlewares.x.basicauth.users"], "[REDACTED]");
      assert.equal(d.labels["traefik.http.routers.web.rule"], "Host(`web.lan`)");
      assert.ok(d.command.includes("--api-key=[REDACTED]"), JSON.stringify(d.command));
      assert.ok(d.mounts.some((m: { source: string }) => m.source.endsWith("password=[REDACTED]")));
    });
  } finally {
    await served.close();
    await removeContainers(name);
    await Deno.remove(mountDir, { recursive: true });
  }
});

Deno.test("stack_up through the real arr-helper redacts podman-compose's echoed -e API_TOKEN=…", async () => {
  await using dirs = await helperDirs();
  // The testbed's podman-compose does not echo its podman commands; this one does, as verbose runs do, and fails.
  await Deno.writeTextFile(
    `${dirs.binDir}/podman-compose`,
    [
      "#!/bin/sh",
      "echo 'podman run --name=web_1 -d -e API_TOKEN=tok-it-333 --env DB_PASSWORD=pw-it-444 -e TZ=UTC img'",
      "echo 'Error: image not known' >&2",
      "exit 1",
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  await using _helper = await startHelper(dirs);
  const served = await serveArrMcp({
    env: { ARR_HELPER_SOCKET: dirs.socket, ARR_STACKS_DIR: dirs.stacksDir },
  });
  const stack = uniqueName("leakstack");
  try {
    await writeStack(dirs.stacksDir, stack, "services:\n  web:\n    image: img\n");
    // A stack written on disk needs approval to start; the preview echoes nothing from podman-compose.
    const asked = await served.call("stack_up", { stack });
    assert.equal(asked.structuredContent?.status, "confirmation_required");
    const r = await served.call("stack_up", { stack, confirm_token: asked.structuredContent?.confirm_token });
    const text = JSON.stringify(r);
    assertNoSecret(r);
    assert.match(
      text,
      /-e API_TOKEN=\[REDACTED\] --env DB_PASSWORD=\[REDACTED\] -e TZ=UTC/,
      text.slice(0, 2000),
    );
  } finally {
    await served.close();
  }
});
