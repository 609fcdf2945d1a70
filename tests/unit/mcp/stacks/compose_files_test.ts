/**
 * compose_read, compose_write, stack_list and compose_to_quadlet on real temp stacks through the file layer
 * (tests run as root, so a file can be handed to uid 4242).
 */
import assert from "node:assert/strict";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createFileLayer } from "../../../../mcp/fs/file_layer.ts";
import { quadletConvertFamily } from "../../../../mcp/quadlets/convert/convert_tools.ts";
import { registerStackTools } from "../../../../mcp/stacks/stack_tools.ts";
import { failureOf } from "../../../../mcp/toolkit/tool_result.ts";
import { connectInMemory } from "../_support/in_memory_client.ts";
import { testDeps } from "../_support/test_deps.ts";

const COMPOSE = "services:\n  web:\n    image: docker.io/library/busybox:1\n";

async function stacks() {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-compose-" }));
  await Deno.mkdir(`${base}/stacks`);
  await Deno.mkdir(`${base}/outside`);
  await Deno.writeTextFile(
    `${base}/outside/compose.yaml`,
    "services:\n  leaked:\n    image: SECRET-OUTSIDE\n",
  );
  return { base, dir: `${base}/stacks`, [Symbol.asyncDispose]: () => Deno.remove(base, { recursive: true }) };
}

async function connect(stacksDir: string, overrides: Parameters<typeof testDeps>[0] = {}) {
  const deps = testDeps(overrides);
  const noValidation = () => Promise.resolve({ not_run: "no generator in unit tests" });
  return await connectInMemory({ ...deps, config: { ...deps.config, stacksDir } }, [
    registerStackTools,
    quadletConvertFamily({ validate: noValidation }),
  ]);
}

// deno-lint-ignore no-explicit-any
const sc = (r: unknown) => (r as CallToolResult).structuredContent as any;

async function stack(dir: string, name: string, files: Record<string, string>) {
  await Deno.mkdir(`${dir}/${name}`);
  for (const [file, text] of Object.entries(files)) await Deno.writeTextFile(`${dir}/${name}/${file}`, text);
}

Deno.test("compose_read and compose_to_quadlet refuse a compose.yaml symlink leading outside the stacks dir", async () => {
  await using s = await stacks();
  await Deno.mkdir(`${s.dir}/arr`);
  await Deno.symlink(`${s.base}/outside/compose.yaml`, `${s.dir}/arr/compose.yaml`);
  await using c = await connect(s.dir);
  for (const tool of ["compose_read", "compose_to_quadlet"]) {
    const r = await c.client.callTool({ name: tool, arguments: { stack: "arr" } }) as CallToolResult;
    assert.equal(failureOf(r)?.kind, "outside_scope", tool);
    assert.match(failureOf(r)?.message ?? "", /a symbolic link leads outside the allowed roots/);
    assert.doesNotMatch(JSON.stringify(r), /SECRET-OUTSIDE|leaked/, tool);
  }
  await assert.rejects(Deno.stat(`${s.dir}/arr/quadlets`), Deno.errors.NotFound, "nothing was staged");
});

Deno.test("stack_list, compose_read and compose_write pick the compose file podman-compose picks", async () => {
  await using s = await stacks();
  await stack(s.dir, "yaml", { "docker-compose.yaml": COMPOSE });
  await stack(s.dir, "both", { "docker-compose.yaml": COMPOSE, "docker-compose.yml": COMPOSE });
  await using c = await connect(s.dir);
  const listed = sc(await c.client.callTool({ name: "stack_list", arguments: {} }));
  assert.deepEqual(
    listed.stacks.map((x: { name: string; compose_file: string }) => [x.name, x.compose_file]),
    [
      ["both", `${s.dir}/both/docker-compose.yml`],
      ["yaml", `${s.dir}/yaml/docker-compose.yaml`],
    ],
  );
  const read = sc(await c.client.callTool({ name: "compose_read", arguments: { stack: "yaml" } }));
  assert.equal(read.path, `${s.dir}/yaml/docker-compose.yaml`);
  const edited = `${COMPOSE}    command: ["sleep", "1"]\n`;
  const preview = sc(
    await c.client.callTool({ name: "compose_write", arguments: { stack: "both", content: edited } }),
  );
  const done = sc(
    await c.client.callTool({
      name: "compose_write",
      arguments: { stack: "both", content: edited, confirm_token: preview.confirm_token },
    }),
  );
  assert.equal(done.result.path, `${s.dir}/both/docker-compose.yml`);
  assert.equal(await Deno.readTextFile(`${s.dir}/both/docker-compose.yml`), edited);
  assert.equal(await Deno.readTextFile(`${s.dir}/both/docker-compose.yaml`), COMPOSE);
});

Deno.test("compose_write refuses a compose file another uid owns, as file_write does, before any token", async () => {
  await using s = await stacks();
  await stack(s.dir, "arr", { "compose.yaml": COMPOSE });
  await Deno.chown(`${s.dir}/arr/compose.yaml`, 4242, 4242);
  await using c = await connect(s.dir);
  const r = await c.client.callTool({
    name: "compose_write",
    arguments: { stack: "arr", content: `${COMPOSE}# mine\n` },
  }) as CallToolResult;
  assert.equal(failureOf(r)?.kind, "not_owned");
  assert.match(failureOf(r)?.message ?? "", /owned by uid 4242/);
  assert.equal(await Deno.readTextFile(`${s.dir}/arr/compose.yaml`), COMPOSE);
  await assert.rejects(Deno.stat(`${s.dir}/.arr-mcp-backups`), Deno.errors.NotFound);
});

Deno.test("compose_write over a symlinked compose.yaml is refused and the target never becomes 0777", async () => {
  await using s = await stacks();
  await stack(s.dir, "arr", { "real.yaml": COMPOSE });
  await Deno.chmod(`${s.dir}/arr/real.yaml`, 0o600);
  await Deno.symlink(`${s.dir}/arr/real.yaml`, `${s.dir}/arr/compose.yaml`);
  await using c = await connect(s.dir);
  const r = await c.client.callTool({
    name: "compose_write",
    arguments: { stack: "arr", content: COMPOSE + "#\n" },
  });
  assert.equal(failureOf(r as CallToolResult)?.kind, "invalid_path");
  assert.match(failureOf(r as CallToolResult)?.message ?? "", /is a symbolic link/);
  assert.equal((await Deno.lstat(`${s.dir}/arr/compose.yaml`)).isSymlink, true);
  assert.equal((await Deno.stat(`${s.dir}/arr/real.yaml`)).mode! & 0o777, 0o600);
});

Deno.test("compose_write keeps a 0600 compose file 0600 and writes its backup 0600 in a private folder", async () => {
  await using s = await stacks();
  await stack(s.dir, "arr", { "compose.yaml": COMPOSE });
  await Deno.chmod(`${s.dir}/arr/compose.yaml`, 0o600);
  await using c = await connect(s.dir);
  const content = `${COMPOSE}# edited\n`;
  const preview = sc(
    await c.client.callTool({ name: "compose_write", arguments: { stack: "arr", content } }),
  );
  const done = sc(
    await c.client.callTool({
      name: "compose_write",
      arguments: { stack: "arr", content, confirm_token: preview.confirm_token },
    }),
  );
  assert.equal((await Deno.stat(`${s.dir}/arr/compose.yaml`)).mode! & 0o777, 0o600);
  assert.equal((await Deno.stat(done.result.backup)).mode! & 0o777, 0o600);
  assert.equal(await Deno.readTextFile(done.result.backup), COMPOSE);
  assert.equal((await Deno.stat(`${s.dir}/.arr-mcp-backups/arr`)).mode! & 0o777, 0o700);
});

Deno.test("compose_write with a faulted file layer leaves the original intact and says why", async () => {
  await using s = await stacks();
  await stack(s.dir, "arr", { "compose.yaml": COMPOSE });
  const full = (): Promise<never> => Promise.reject(new Error("No space left on device (os error 28)"));
  const fs = createFileLayer({
    uid: Deno.uid() ?? 0,
    clock: { now: () => Date.now() },
    sys: {
      ...Deno,
      rename: (from, to) =>
        String(from).endsWith(".tmp") && String(to).endsWith("compose.yaml") ? full() : Deno.rename(from, to),
    },
  });
  await using c = await connect(s.dir, { fs });
  const content = `${COMPOSE}# edited\n`;
  const preview = sc(
    await c.client.callTool({ name: "compose_write", arguments: { stack: "arr", content } }),
  );
  const r = await c.client.callTool({
    name: "compose_write",
    arguments: { stack: "arr", content, confirm_token: preview.confirm_token },
  }) as CallToolResult;
  assert.deepEqual(failureOf(r), {
    kind: "io",
    message:
      `Cannot write "${s.dir}/arr/compose.yaml": No space left on device (os error 28); the file is unchanged`,
  });
  assert.equal(await Deno.readTextFile(`${s.dir}/arr/compose.yaml`), COMPOSE);
  assert.deepEqual(
    [...Deno.readDirSync(`${s.dir}/arr`)].map((e) => e.name),
    ["compose.yaml"],
    "the temp file is gone",
  );
});
