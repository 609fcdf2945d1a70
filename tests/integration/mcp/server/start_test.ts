/**
 * Starts arr-mcp the way `deno task start` does (the task's own `deno run` flags, read from deno.json) with no
 * configuration but a private HOME/XDG_RUNTIME_DIR and ARR_MCP_PORT=0, and uses the printed key line.
 */
import assert from "node:assert/strict";
import { connectHttpClient } from "../../_support/http_client.ts";
import { makeBundle, startEnv, startTaskCommand, stopStarted } from "../../_support/start_task.ts";

/** The caller's environment minus every ARR_* and XDG_* variable, with a fresh HOME (Deno's cache kept). */
function zeroConfigEnv(home: string): Record<string, string> {
  return startEnv(home, (k) => k.startsWith("ARR_") || k.startsWith("XDG_"));
}

async function start(home: string) {
  const child = (await startTaskCommand(zeroConfigEnv(home))).spawn();
  const lines: string[] = [];
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  while (
    !lines.some((l) =>
      /^arr-mcp: (using the API key|generated)/.test(l) && l.includes("using") ||
      l.startsWith("claude mcp add")
    )
  ) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`arr-mcp exited early: ${lines.join("\n")}`);
    buffered += value;
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    lines.push(...parts);
  }
  return {
    lines,
    stop: () => stopStarted(child, reader),
  };
}

Deno.test("deno task start with zero configuration prints a working claude mcp add line once", async () => {
  const home = await Deno.makeTempDir({ prefix: "arr-mcp-home-" });
  try {
    await Deno.mkdir(`${home}/run`, { mode: 0o700 });
    assert.doesNotMatch(await makeBundle(), /no bundle/);
    const first = await start(home);
    // The start path runs the bundle `deno task bundle` made of this tree, dashboard files inlined.
    assert.match(first.lines[0] ?? "", /^arr-mcp: running the bundle \.build\/arr-mcp-[0-9a-f]{16}\.js$/);
    let key: string;
    let url: string;
    try {
      const line = first.lines.find((l) => l.startsWith("claude mcp add"));
      const m =
        /^claude mcp add --transport http --scope user arr-mcp (http:\/\/127\.0\.0\.1:\d+\/mcp) --header "Authorization: Bearer ([A-Za-z0-9_-]{43})"$/
          .exec(line ?? "");
      assert.ok(m, first.lines.join("\n"));
      url = m[1]!;
      key = m[2]!;
      assert.ok(first.lines.some((l) => l.includes("no container runtime socket found")));
      const keyFile = `${home}/.local/share/arr-mcp/api-key`;
      assert.equal((await Deno.stat(keyFile)).mode! & 0o777, 0o600);
      assert.equal((await Deno.readTextFile(keyFile)).trim(), key);

      const client = await connectHttpClient(url, key);
      const tools = (await client.listTools()).tools.map((t: { name: string }) => t.name);
      assert.ok(tools.includes("container_list") && tools.includes("stack_list"));
      const r = await client.callTool({ name: "container_list", arguments: {} });
      assert.equal(r.isError, true);
      await client.close();
      const css = await fetch(new URL("/assets/dashboard.css", url));
      assert.equal(
        await css.text(),
        await Deno.readTextFile(new URL("../../../../templates/dashboard.css", import.meta.url)),
      );
      const anon = await fetch(url, { method: "POST", body: "{}" });
      assert.equal(anon.status, 401);
      await anon.body?.cancel();
    } finally {
      await first.stop();
    }
    const second = await start(home);
    try {
      assert.ok(!second.lines.some((l) => l.includes(key)), "the key is printed only on the first start");
      assert.ok(second.lines.some((l) => l.startsWith("arr-mcp: using the API key from")));
    } finally {
      await second.stop();
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("deno task start stops with a message naming the variable when a value is bad", async () => {
  const home = await Deno.makeTempDir({ prefix: "arr-mcp-home-" });
  try {
    const command = await startTaskCommand({
      ...zeroConfigEnv(home),
      ARR_MCP_PORT: "eighty",
      ARR_MCP_API_KEY: "short",
    });
    const out = await command.output();
    assert.equal(out.code, 2);
    const stderr = new TextDecoder().decode(out.stderr);
    assert.match(stderr, /^arr-mcp: Invalid ARR_MCP_API_KEY \(hidden\): expected at least 16 characters/m);
    assert.doesNotMatch(stderr + new TextDecoder().decode(out.stdout), /short/);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("deno task start stops with a message naming an unknown ARR_TOOLSETS entry and the valid ones", async () => {
  const home = await Deno.makeTempDir({ prefix: "arr-mcp-home-" });
  try {
    const command = await startTaskCommand({ ...zeroConfigEnv(home), ARR_TOOLSETS: "containers,dockers" });
    const out = await command.output();
    assert.equal(out.code, 2);
    const stderr = new TextDecoder().decode(out.stderr);
    assert.match(
      stderr,
      /^arr-mcp: Invalid ARR_TOOLSETS "containers,dockers": unknown toolset "dockers" \(valid: containers, stacks, .*convert, alerts, cleanup, upgrades\)$/m,
    );
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
