import assert from "node:assert/strict";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { registerFileTools } from "../../../../mcp/files/file_tools.ts";
import { testDeps } from "../../../unit/mcp/_support/test_deps.ts";
import { errorOf, sc, serveApp } from "../../_support/serve_app.ts";

const API_KEY_IN_CONFIG = "0123456789abcdef0123456789abcdef";

interface Tree {
  base: string;
  stacks: string;
  media: string;
  logs: string;
  outside: string;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A real temp tree with the cases the file tools must handle. Tests run as root, so chown works. */
async function tree(): Promise<Tree> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-files-it-" }));
  const t = {
    base,
    stacks: `${base}/stacks`,
    media: `${base}/media`,
    logs: `${base}/logs`,
    outside: `${base}/outside`,
  };
  for (const d of [`${t.stacks}/arr/config`, `${t.media}/tv/Show`, t.logs, t.outside]) {
    await Deno.mkdir(d, { recursive: true });
  }
  await Deno.writeTextFile(
    `${t.stacks}/arr/compose.yaml`,
    "services:\n  sonarr:\n    image: lscr.io/linuxserver/sonarr\n",
  );
  await Deno.writeTextFile(`${t.stacks}/arr/.env`, `PUID=1000\nSONARR_API_KEY=${API_KEY_IN_CONFIG}\n`);
  await Deno.writeTextFile(
    `${t.stacks}/arr/config/config.xml`,
    `<Config>\n  <Port>8989</Port>\n  <ApiKey>${API_KEY_IN_CONFIG}</ApiKey>\n</Config>\n`,
  );
  await Deno.writeFile(`${t.stacks}/arr/config/sonarr.db`, new Uint8Array([0x53, 0x51, 0x4c, 0, 1, 2]));
  await Deno.writeTextFile(`${t.outside}/secret.txt`, "outside the roots");
  await Deno.symlink(t.outside, `${t.stacks}/escape`);
  await Deno.writeTextFile(`${t.stacks}/foreign.txt`, "belongs to nobody\n");
  await Deno.chown(`${t.stacks}/foreign.txt`, 65534, 65534);
  await Deno.writeFile(`${t.media}/tv/Show/episode.mkv`, new Uint8Array(4096).map((_, i) => i % 256));
  const line = "2026-11-22 04:00:00|Info|Scanner|Scanning disk for series 0123456789\n";
  await Deno.writeTextFile(`${t.logs}/big.log`, line.repeat(Math.ceil((1.5 * 1024 * 1024) / line.length)));
  return { ...t, [Symbol.asyncDispose]: () => Deno.remove(base, { recursive: true }) };
}

function depsFor(t: Tree) {
  const deps = testDeps();
  return { ...deps, config: { ...deps.config, stacksDir: t.stacks, mediaDir: t.media, logDirs: [t.logs] } };
}

Deno.test("file tools over HTTP: listed with titles, schemas and annotations", async () => {
  await using t = await tree();
  await using app = await serveApp(depsFor(t), [registerFileTools]);
  const { tools } = await app.client.listTools();
  const byName = new Map((tools as Tool[]).map((x) => [x.name, x] as const));
  for (const name of ["file_list", "file_read", "file_write", "file_delete", "disk_usage"]) {
    const tool = byName.get(name);
    assert.ok(tool, name);
    assert.ok(tool.title && tool.description && tool.outputSchema, name);
  }
  assert.equal(byName.get("file_read")?.annotations?.readOnlyHint, true);
  assert.equal(byName.get("file_write")?.annotations?.destructiveHint, true);
  assert.equal(byName.get("file_delete")?.annotations?.destructiveHint, true);
  assert.equal(byName.get("disk_usage")?.annotations?.readOnlyHint, true);
});

Deno.test("file_list over HTTP shows the roots, entries, owners and protection flags", async () => {
  await using t = await tree();
  await using app = await serveApp(depsFor(t), [registerFileTools]);
  const roots = sc(await app.call("file_list", {}));
  assert.deepEqual(roots.roots.map((r: { label: string }) => r.label), ["stacks", "media", "logs"]);
  const listed = sc(await app.call("file_list", { path: `${t.stacks}/arr/config` }));
  const names = Object.fromEntries(
    listed.entries.map((e: { name: string; protection: string }) => [e.name, e.protection]),
  );
  assert.deepEqual(names, { "config.xml": "secret-config", "sonarr.db": "database" });
  const top = sc(await app.call("file_list", { path: t.stacks }));
  const foreign = top.entries.find((e: { name: string }) => e.name === "foreign.txt");
  assert.equal(foreign.uid, 65534);
  assert.equal(top.entries.find((e: { name: string }) => e.name === "escape").type, "symlink");
});

Deno.test("file_read over HTTP refuses symlink escapes, binaries and databases, and redacts configs", async () => {
  await using t = await tree();
  await using app = await serveApp(depsFor(t), [registerFileTools]);
  const ok = sc(await app.call("file_read", { path: `${t.stacks}/arr/compose.yaml` }));
  assert.match(ok.content, /linuxserver\/sonarr/);
  assert.equal(ok.view, "raw");

  const escape = await app.call("file_read", { path: `${t.stacks}/escape/secret.txt` });
  assert.equal(escape.isError, true);
  assert.equal(errorOf(escape).kind, "outside_scope");
  assert.doesNotMatch(JSON.stringify(escape), /outside the roots"/);

  const traversal = await app.call("file_read", { path: `${t.stacks}/../outside/secret.txt` });
  assert.equal(errorOf(traversal).kind, "outside_scope");

  const binary = await app.call("file_read", { path: `${t.media}/tv/Show/episode.mkv` });
  assert.equal(errorOf(binary).kind, "binary");

  const db = await app.call("file_read", { path: `${t.stacks}/arr/config/sonarr.db` });
  assert.equal(errorOf(db).kind, "protected");
  assert.match(errorOf(db).message, /service database/);

  for (const path of [`${t.stacks}/arr/config/config.xml`, `${t.stacks}/arr/.env`]) {
    const res = await app.call("file_read", { path });
    assert.equal(sc(res).view, "redacted", path);
    assert.ok(sc(res).redactions >= 1);
    assert.ok(!JSON.stringify(res).includes(API_KEY_IN_CONFIG), `${path} leaked the key`);
  }
  assert.match(
    sc(await app.call("file_read", { path: `${t.stacks}/arr/config/config.xml` })).content,
    /<Port>8989/,
  );
});

Deno.test("file_read over HTTP caps an oversized file and continues from next_offset on whole lines", async () => {
  await using t = await tree();
  await using app = await serveApp(depsFor(t), [registerFileTools]);
  const size = (await Deno.stat(`${t.logs}/big.log`)).size;
  const first = sc(await app.call("file_read", { path: `${t.logs}/big.log`, max_bytes: 100_000 }));
  assert.equal(first.truncated, true);
  assert.equal(first.size, size);
  assert.ok(first.bytes_read <= 100_000);
  assert.ok(first.content.endsWith("\n"));
  const second = sc(
    await app.call("file_read", { path: `${t.logs}/big.log`, offset: first.next_offset, max_bytes: 100_000 }),
  );
  assert.equal(second.offset, first.next_offset);
  assert.ok(second.content.startsWith("2026-11-22"));
  const huge = await app.call("file_read", { path: `${t.logs}/big.log`, max_bytes: 2 * 1024 * 1024 });
  assert.equal(huge.isError, true, "max_bytes above the cap is an input error");
});

Deno.test("file_write over HTTP creates at once, and overwrites only with a confirm token, keeping a backup", async () => {
  await using t = await tree();
  const deps = depsFor(t);
  await using app = await serveApp(deps, [registerFileTools]);
  const created = sc(await app.call("file_write", { path: `${t.stacks}/arr/notes.md`, content: "v1\n" }));
  assert.equal(created.status, "done");
  assert.equal(created.result.created, true);
  assert.equal(await Deno.readTextFile(`${t.stacks}/arr/notes.md`), "v1\n");

  const target = `${t.stacks}/arr/compose.yaml`;
  const before = await Deno.readTextFile(target);
  const newContent = before.replace("sonarr\n", "sonarr:4.0.19\n");
  const preview = sc(await app.call("file_write", { path: target, content: newContent }));
  assert.equal(preview.status, "confirmation_required");
  assert.ok(preview.confirm_token);
  assert.deepEqual(preview.preview.details.change.added, ["    image: lscr.io/linuxserver/sonarr:4.0.19"]);
  assert.equal(await Deno.readTextFile(target), before, "nothing changes before confirmation");

  const wrong = await app.call("file_write", {
    path: target,
    content: "other\n",
    confirm_token: preview.confirm_token,
  });
  assert.equal(errorOf(wrong).kind, "confirm_mismatch");
  assert.equal(await Deno.readTextFile(target), before);

  const done = sc(
    await app.call("file_write", { path: target, content: newContent, confirm_token: preview.confirm_token }),
  );
  assert.equal(done.status, "done");
  assert.equal(await Deno.readTextFile(target), newContent);
  assert.equal(await Deno.readTextFile(done.result.backup_path), before);
  assert.ok(done.result.backup_path.startsWith(`${t.stacks}/.arr-mcp-backups/arr/compose.yaml.`));

  const replay = await app.call("file_write", {
    path: target,
    content: newContent + "x\n",
    confirm_token: preview.confirm_token,
  });
  // The token was for the old content's digest: after the write it fits no operation.
  assert.deepEqual(errorOf(replay), {
    kind: "confirm_mismatch",
    message: 'Cannot use confirm_token: it was not issued for this exact "file_write" operation. ' +
      "Nothing was changed; call file_write again without confirm_token for a fresh preview",
  });
  assert.equal(await Deno.readTextFile(target), newContent);

  const audit = deps.audit.recent(20).filter((e) => e.tool === "file_write");
  assert.ok(audit.some((e) => e.phase === "succeeded"));
  assert.ok(audit.some((e) => e.phase === "failed"));
});

Deno.test("file_write over HTTP refuses foreign files, symlink escapes, protected files and redacted content", async () => {
  await using t = await tree();
  await using app = await serveApp(depsFor(t), [registerFileTools]);
  const foreign = await app.call("file_write", { path: `${t.stacks}/foreign.txt`, content: "mine now\n" });
  assert.equal(errorOf(foreign).kind, "not_owned");
  assert.match(errorOf(foreign).message, /owned by uid 65534/);
  assert.equal(await Deno.readTextFile(`${t.stacks}/foreign.txt`), "belongs to nobody\n");

  const escape = await app.call("file_write", { path: `${t.stacks}/escape/new.txt`, content: "x" });
  assert.equal(errorOf(escape).kind, "outside_scope");
  await assert.rejects(Deno.stat(`${t.outside}/new.txt`));

  const config = await app.call("file_write", {
    path: `${t.stacks}/arr/config/config.xml`,
    content: "<Config/>",
  });
  assert.equal(errorOf(config).kind, "protected");

  const redacted = await app.call("file_write", {
    path: `${t.stacks}/arr/x.yaml`,
    content: "key: [REDACTED]\n",
  });
  assert.equal(errorOf(redacted).kind, "conflict");
});

Deno.test("file_delete over HTTP moves to the trash only after confirmation and refuses foreign files", async () => {
  await using t = await tree();
  await using app = await serveApp(depsFor(t), [registerFileTools]);
  const dir = `${t.media}/tv/Show`;
  const preview = sc(await app.call("file_delete", { path: dir }));
  assert.equal(preview.status, "confirmation_required");
  assert.equal(preview.preview.details.entries, 1);
  assert.ok((await Deno.stat(dir)).isDirectory, "still there before confirmation");

  const done = sc(await app.call("file_delete", { path: dir, confirm_token: preview.confirm_token }));
  assert.equal(done.status, "done");
  await assert.rejects(Deno.stat(dir));
  assert.ok(done.result.trashed_to.startsWith(`${t.media}/.arr-mcp-trash/`));
  assert.equal((await Deno.stat(`${done.result.trashed_to}/episode.mkv`)).size, 4096);

  const foreign = await app.call("file_delete", { path: `${t.stacks}/foreign.txt` });
  assert.equal(errorOf(foreign).kind, "not_owned");

  const link = sc(await app.call("file_delete", { path: `${t.stacks}/escape` }));
  assert.match(link.preview.summary, /symbolic link .*the link only, not its target/);
  const linkDone = sc(
    await app.call("file_delete", { path: `${t.stacks}/escape`, confirm_token: link.confirm_token }),
  );
  assert.equal(linkDone.status, "done");
  assert.equal(await Deno.readTextFile(`${t.outside}/secret.txt`), "outside the roots", "target untouched");
});

Deno.test("disk_usage over HTTP reports each root's filesystem and a bounded breakdown", async () => {
  await using t = await tree();
  await using app = await serveApp(depsFor(t), [registerFileTools]);
  const all = sc(await app.call("disk_usage", {}));
  assert.equal(all.filesystems.length, 3);
  for (const fs of all.filesystems) assert.ok(fs.total_bytes > 0 && fs.available_bytes <= fs.total_bytes);
  const media = sc(await app.call("disk_usage", { path: t.media }));
  assert.equal(media.directory.complete, true);
  assert.equal(media.directory.children[0].name, "tv");
  assert.ok(media.directory.children[0].bytes >= 4096);
  const bounded = sc(await app.call("disk_usage", { path: t.media, max_entries: 1 }));
  assert.equal(bounded.directory.complete, false);
});

Deno.test("file_write over HTTP refuses to create a file in a directory another uid owns", async () => {
  await using t = await tree();
  await Deno.mkdir(`${t.media}/foreign-dir`);
  await Deno.chown(`${t.media}/foreign-dir`, 65534, 65534);
  await using app = await serveApp(depsFor(t), [registerFileTools]);
  const res = await app.call("file_write", { path: `${t.media}/foreign-dir/new.txt`, content: "x\n" });
  assert.equal(errorOf(res).kind, "not_owned");
  await assert.rejects(Deno.stat(`${t.media}/foreign-dir/new.txt`));
});

Deno.test("file_read over HTTP refuses a FIFO without blocking on it", async () => {
  await using t = await tree();
  const fifo = `${t.stacks}/pipe.log`;
  const mk = await new Deno.Command("mkfifo", { args: [fifo] }).output();
  assert.ok(mk.success);
  await using app = await serveApp(depsFor(t), [registerFileTools]);
  const res = await app.call("file_read", { path: fifo });
  assert.equal(errorOf(res).kind, "invalid_path");
  assert.match(errorOf(res).message, /not a regular file/);
});

Deno.test("file tools in read-only mode offer no file_write or file_delete", async () => {
  await using t = await tree();
  const deps = depsFor(t);
  await using app = await serveApp({ ...deps, config: { ...deps.config, readOnly: true } }, [
    registerFileTools,
  ]);
  const names = ((await app.client.listTools()).tools as Tool[]).map((x) => x.name).sort();
  assert.deepEqual(names, ["disk_usage", "file_list", "file_read"]);
});

Deno.test("file tools over HTTP: successful results match their output schemas in a validating client", async () => {
  await using t = await tree();
  await using app = await serveApp(depsFor(t), [registerFileTools]);
  // After listTools the SDK client validates every structuredContent against the tool's outputSchema.
  await app.client.listTools();
  await app.call("file_list", {});
  await app.call("file_list", { path: t.stacks });
  await app.call("file_read", { path: `${t.stacks}/arr/compose.yaml` });
  await app.call("file_read", { path: `${t.stacks}/arr/.env` });
  await app.call("disk_usage", { path: t.media });
  await app.call("file_write", { path: `${t.stacks}/new.txt`, content: "a\n" });
  const preview = sc(await app.call("file_write", { path: `${t.stacks}/new.txt`, content: "b\n" }));
  await app.call("file_write", {
    path: `${t.stacks}/new.txt`,
    content: "b\n",
    confirm_token: preview.confirm_token,
  });
  const del = sc(await app.call("file_delete", { path: `${t.stacks}/new.txt` }));
  const done = sc(
    await app.call("file_delete", { path: `${t.stacks}/new.txt`, confirm_token: del.confirm_token }),
  );
  assert.equal(done.status, "done");
});
