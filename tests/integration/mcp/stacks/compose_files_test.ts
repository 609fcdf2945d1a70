/**
 * Compose files through the real app over HTTP (every family, the real file layer from bootstrap) and the
 * real arr-helper: both programs pick the same compose file, and symlinks, foreign owners and modes are handled
 * by the one file layer. Tests run as root, so a file can be handed to uid 4242.
 */
import assert from "node:assert/strict";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { testbed, uniqueName } from "../../../testbed/testbed.ts";
import { helperDirs, startHelper } from "../../helper/helper_process.ts";
import { errorOf, serveArrMcp } from "../../_support/harness.ts";

const service = (name: string, image: string) => `services:\n  ${name}:\n    image: ${image}\n`;
const mode = async (path: string) => ((await Deno.lstat(path)).mode ?? 0) & 0o777;

async function setup() {
  const dirs = await helperDirs();
  const helper = await startHelper(dirs);
  const served = await serveArrMcp({
    env: {
      ARR_HELPER_SOCKET: dirs.socket,
      ARR_STACKS_DIR: dirs.stacksDir,
      ARR_MEDIA_DIR: `${dirs.root}/media`,
    },
    families: TOOL_FAMILIES,
  });
  await Deno.mkdir(`${dirs.root}/outside`);
  await Deno.writeTextFile(`${dirs.root}/outside/compose.yaml`, service("leaked", "OUTSIDE-IMAGE"));
  return {
    dirs,
    served,
    async stack(name: string, files: Record<string, string>) {
      await Deno.mkdir(`${dirs.stacksDir}/${name}`);
      for (const [f, text] of Object.entries(files)) {
        await Deno.writeTextFile(`${dirs.stacksDir}/${name}/${f}`, text);
      }
    },
    async [Symbol.asyncDispose]() {
      await served.close();
      await helper.stop();
      await dirs[Symbol.asyncDispose]();
    },
  };
}

Deno.test("arr-mcp and arr-helper agree on docker-compose.yaml and on docker-compose.yml when both exist", async () => {
  const image = testbed().image;
  await using s = await setup();
  const alone = uniqueName("myaml");
  const both = uniqueName("mboth");
  await s.stack(alone, { "docker-compose.yaml": service("fromyaml", image) });
  await s.stack(both, {
    "docker-compose.yaml": service("fromyaml", image),
    "docker-compose.yml": service("fromyml", image),
  });
  const read = await s.served.call("compose_read", { stack: alone });
  assert.equal(read.structuredContent.path, `${s.dirs.stacksDir}/${alone}/docker-compose.yaml`);
  const valid = await s.served.call("compose_validate", { stack: alone });
  assert.deepEqual([valid.structuredContent.valid, valid.structuredContent.output], [true, "fromyaml"]);
  const readBoth = await s.served.call("compose_read", { stack: both });
  assert.equal(readBoth.structuredContent.path, `${s.dirs.stacksDir}/${both}/docker-compose.yml`);
  assert.equal(
    (await s.served.call("compose_validate", { stack: both })).structuredContent.output,
    "fromyml",
  );
});

Deno.test("compose_read, compose_to_quadlet and the dashboard stack page refuse a compose.yaml leading outside", async () => {
  await using s = await setup();
  const stack = uniqueName("mescape");
  await Deno.mkdir(`${s.dirs.stacksDir}/${stack}`);
  await Deno.symlink(`${s.dirs.root}/outside/compose.yaml`, `${s.dirs.stacksDir}/${stack}/compose.yaml`);
  for (const tool of ["compose_read", "compose_to_quadlet"]) {
    const r = await s.served.call(tool, { stack });
    assert.equal(errorOf(r).kind, "outside_scope", tool);
    assert.doesNotMatch(JSON.stringify(r), /OUTSIDE-IMAGE|leaked/, tool);
  }
  const signIn = await fetch(`${s.served.origin}/?key=${encodeURIComponent(s.served.key)}`, {
    redirect: "manual",
  });
  await signIn.body?.cancel();
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
  const page = await fetch(`${s.served.origin}/stacks/${stack}`, { headers: { cookie } });
  const html = await page.text();
  assert.doesNotMatch(html, /OUTSIDE-IMAGE|leaked/);
  assert.match(html, /a symbolic link leads outside the allowed roots/);
});

Deno.test("compose_write refuses a stack folder that leads outside, and a compose file another uid owns", async () => {
  await using s = await setup();
  const escape = uniqueName("mwesc");
  await Deno.symlink(`${s.dirs.root}/outside`, `${s.dirs.stacksDir}/${escape}`);
  const w = await s.served.call("compose_write", { stack: escape, content: service("x", "busybox") });
  assert.equal(errorOf(w).kind, "outside_scope");
  assert.equal(
    await Deno.readTextFile(`${s.dirs.root}/outside/compose.yaml`),
    service("leaked", "OUTSIDE-IMAGE"),
  );

  const foreign = uniqueName("mforeign");
  await s.stack(foreign, { "compose.yaml": service("theirs", "busybox") });
  await Deno.chown(`${s.dirs.stacksDir}/${foreign}/compose.yaml`, 4242, 4242);
  const f = await s.served.call("compose_write", { stack: foreign, content: service("mine", "busybox") });
  assert.equal(errorOf(f).kind, "not_owned");
  assert.match(errorOf(f).message, /owned by uid 4242/);
  assert.equal(
    await Deno.readTextFile(`${s.dirs.stacksDir}/${foreign}/compose.yaml`),
    service("theirs", "busybox"),
  );
});

Deno.test("compose_write keeps modes: 0600 stays 0600 with a 0600 backup, a new file in a private folder is 0600", async () => {
  await using s = await setup();
  const stack = uniqueName("mmode");
  await s.stack(stack, { "compose.yaml": service("web", "busybox") });
  await Deno.chmod(`${s.dirs.stacksDir}/${stack}/compose.yaml`, 0o600);
  const content = service("web", "busybox:1");
  const preview = await s.served.call("compose_write", { stack, content });
  const done = await s.served.call("compose_write", {
    stack,
    content,
    confirm_token: preview.structuredContent.confirm_token,
  });
  assert.equal(done.structuredContent.status, "done", JSON.stringify(done.content));
  assert.equal(await mode(`${s.dirs.stacksDir}/${stack}/compose.yaml`), 0o600);
  const backup = done.structuredContent.result.backup as string;
  assert.equal(await mode(backup), 0o600);
  assert.equal(await mode(`${s.dirs.stacksDir}/.arr-mcp-backups/${stack}`), 0o700);

  const fresh = uniqueName("mpriv");
  await s.stack(fresh, { ".env": "DB_PASSWORD=x\n" });
  await Deno.chmod(`${s.dirs.stacksDir}/${fresh}/.env`, 0o600);
  const asked = await s.served.call("compose_write", { stack: fresh, content });
  assert.equal(asked.structuredContent.status, "confirmation_required", "a new stack needs a token");
  const created = await s.served.call("compose_write", {
    stack: fresh,
    content,
    confirm_token: asked.structuredContent.confirm_token,
  });
  assert.equal(created.structuredContent.status, "done");
  assert.equal(await mode(`${s.dirs.stacksDir}/${fresh}/compose.yaml`), 0o600);
});

Deno.test("compose_write over a symlinked compose.yaml is refused; the link stays and its target keeps its mode", async () => {
  await using s = await setup();
  const stack = uniqueName("mlink");
  await s.stack(stack, { "real.yaml": service("web", "busybox") });
  await Deno.chmod(`${s.dirs.stacksDir}/${stack}/real.yaml`, 0o640);
  await Deno.symlink(`${s.dirs.stacksDir}/${stack}/real.yaml`, `${s.dirs.stacksDir}/${stack}/compose.yaml`);
  const r = await s.served.call("compose_write", { stack, content: service("web", "busybox:2") });
  assert.equal(errorOf(r).kind, "invalid_path");
  assert.equal((await Deno.lstat(`${s.dirs.stacksDir}/${stack}/compose.yaml`)).isSymlink, true);
  assert.equal(await mode(`${s.dirs.stacksDir}/${stack}/real.yaml`), 0o640);
  assert.equal(await Deno.readTextFile(`${s.dirs.stacksDir}/${stack}/real.yaml`), service("web", "busybox"));
});
