import assert from "node:assert/strict";
import { registerLogTools } from "../../../../mcp/logs/log_tools.ts";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { testDeps } from "../../../unit/mcp/_support/test_deps.ts";
import { testbedRuntime } from "../../_support/testbed_runtime.ts";
import { errorOf, sc, serveApp } from "../../_support/serve_app.ts";

const KEY = "5abcdef0123456789abcdef012345678";

interface Logs {
  dir: string;
  stacks: string;
  [Symbol.asyncDispose](): Promise<void>;
}

async function logTree(): Promise<Logs> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-logs-it-" }));
  const dir = `${base}/logs`;
  await Deno.mkdir(`${dir}/sonarr`, { recursive: true });
  await Deno.mkdir(`${base}/stacks`);
  await Deno.writeTextFile(`${base}/stacks/compose.yaml`, "services: {}\n");
  const lines = [];
  for (let i = 1; i <= 500; i++) {
    lines.push(`2026-11-22 04:${String(i % 60).padStart(2, "0")}:00|Info|Scan|item ${i}`);
  }
  lines.push(
    `2026-11-22 05:00:00|Warn|Http|GET http://sabnzbd:8080/api?mode=queue&apikey=${KEY}&output=json failed`,
  );
  lines.push("2026-11-22 05:00:01|Error|Import|Database is locked");
  await Deno.writeTextFile(`${dir}/sonarr/sonarr.txt`, lines.join("\n") + "\n");
  await Deno.writeTextFile(
    `${dir}/sonarr/sonarr.0.txt`,
    "2026-11-21 10:00:00|Error|Import|Database is locked\n",
  );
  await Deno.writeFile(`${dir}/sonarr/logs.db`, new Uint8Array([0, 1, 2, 3]));
  await Deno.writeFile(`${dir}/core.log`, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]));
  return {
    dir,
    stacks: `${base}/stacks`,
    [Symbol.asyncDispose]: () => Deno.remove(base, { recursive: true }),
  };
}

function depsFor(t: Logs) {
  const { runtime, close } = testbedRuntime();
  const deps = testDeps({ runtime });
  return { deps: { ...deps, config: { ...deps.config, stacksDir: t.stacks, logDirs: [t.dir] } }, close };
}

Deno.test("log_read over HTTP lists log files, tails one with secrets redacted, and stays inside the log dirs", async () => {
  await using t = await logTree();
  const { deps, close } = depsFor(t);
  try {
    await using app = await serveApp(deps, [registerLogTools]);
    const list = sc(await app.call("log_read", {}));
    const paths = list.available.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(paths, [
      `${t.dir}/core.log`,
      `${t.dir}/sonarr/sonarr.0.txt`,
      `${t.dir}/sonarr/sonarr.txt`,
    ]);

    const tail = await app.call("log_read", { path: `${t.dir}/sonarr/sonarr.txt`, lines: 3 });
    const r = sc(tail);
    assert.equal(r.lines.length, 3);
    assert.equal(r.truncated, true);
    assert.match(r.lines[2].text, /Database is locked/);
    assert.match(r.lines[1].text, /apikey=\[REDACTED\]&output=json/);
    assert.equal(r.redactions, 1);
    assert.ok(!JSON.stringify(tail).includes(KEY));

    const outside = await app.call("log_read", { path: `${t.stacks}/compose.yaml` });
    assert.equal(errorOf(outside).kind, "outside_scope");
    const db = await app.call("log_read", { path: `${t.dir}/sonarr/logs.db` });
    assert.equal(errorOf(db).kind, "protected");
    const binary = await app.call("log_read", { path: `${t.dir}/core.log` });
    assert.equal(errorOf(binary).kind, "binary");
  } finally {
    close();
  }
});

Deno.test("log_read and log_search over HTTP read a real container's stdout and stderr", async () => {
  const tb = testbed();
  await using t = await logTree();
  const name = uniqueName("logs");
  const { deps, close } = depsFor(t);
  try {
    const script = `echo "starting"; echo "Database is locked" >&2; echo "token=${KEY}"; sleep 30`;
    await podman("run", "-d", "--name", name, tb.image, "sh", "-c", script);
    await using app = await serveApp(deps, [registerLogTools]);
    let r = sc(await app.call("log_read", { container: name, lines: 10 }));
    for (let i = 0; i < 50 && r.lines.length < 3; i++) {
      await new Promise((res) => setTimeout(res, 50));
      r = sc(await app.call("log_read", { container: name, lines: 10 }));
    }
    assert.deepEqual(
      r.lines.map((l: { stream: string; text: string }) => `${l.stream}:${l.text}`).sort(),
      ["stderr:Database is locked", "stdout:starting", "stdout:token=[REDACTED]"],
    );
    const found = sc(
      await app.call("log_search", { pattern: "database IS locked", containers: [name], path: t.dir }),
    );
    const sources = found.matches.map((m: { source: string }) => m.source).sort();
    assert.deepEqual(sources, [
      `${t.dir}/sonarr/sonarr.0.txt`,
      `${t.dir}/sonarr/sonarr.txt`,
      `container:${name}`,
    ]);
    assert.deepEqual(found.containers_searched, [name]);
    assert.ok(found.skipped.some((s: { reason: string }) => s.reason === "binary file"));

    const missing = await app.call("log_read", { container: uniqueName("absent") });
    assert.equal(errorOf(missing).kind, "not_found");
  } finally {
    await removeContainers(name);
    close();
  }
});

Deno.test("log_search over HTTP validates patterns and honours its limits", async () => {
  await using t = await logTree();
  const { deps, close } = depsFor(t);
  try {
    await using app = await serveApp(deps, [registerLogTools]);
    const bad = await app.call("log_search", { pattern: "([a-z", mode: "regex" });
    assert.equal(errorOf(bad).kind, "invalid_pattern");
    assert.match(errorOf(bad).message, /invalid regular expression/);
    // Runs on the linear-time engine: answers at once instead of backtracking.
    const nested = sc(await app.call("log_search", { pattern: "(a+)+$", mode: "regex" }));
    assert.equal(nested.matches.length, 0);
    const backreference = await app.call("log_search", { pattern: "(a)\\1", mode: "regex" });
    assert.equal(errorOf(backreference).kind, "invalid_pattern");
    assert.match(errorOf(backreference).message, /cannot run a backreference \(\\1\)/);

    const regex = sc(await app.call("log_search", { pattern: "\\|Error\\|Import\\|", mode: "regex" }));
    assert.equal(regex.matches.length, 2);

    const capped = sc(await app.call("log_search", { pattern: "item", max_matches: 5 }));
    assert.equal(capped.matches.length, 5);
    assert.equal(capped.limited, true);

    const tailOnly = sc(
      await app.call("log_search", {
        pattern: "item 1|",
        path: `${t.dir}/sonarr/sonarr.txt`,
        max_bytes_per_file: 1024,
      }),
    );
    assert.equal(tailOnly.matches.length, 0, "item 1 is in the head, outside the scanned tail");
    assert.equal(tailOnly.limited, true);
    assert.ok(tailOnly.bytes_scanned <= 1024);

    const secret = sc(await app.call("log_search", { pattern: "apikey" }));
    assert.equal(secret.matches.length, 1);
    assert.ok(!JSON.stringify(secret).includes(KEY));
  } finally {
    close();
  }
});

Deno.test("log tools over HTTP: successful results match their output schemas in a validating client", async () => {
  await using t = await logTree();
  const { deps, close } = depsFor(t);
  try {
    await using app = await serveApp(deps, [registerLogTools]);
    // After listTools the SDK client validates every structuredContent against the tool's outputSchema.
    await app.client.listTools();
    assert.equal(sc(await app.call("log_read", {})).available.length, 3);
    assert.equal(
      sc(await app.call("log_read", { path: `${t.dir}/sonarr/sonarr.txt`, lines: 2 })).lines.length,
      2,
    );
    assert.equal(sc(await app.call("log_search", { pattern: "locked" })).matches.length, 2);
  } finally {
    close();
  }
});
