import assert from "node:assert/strict";
import { dirname } from "node:path";
import { FsError } from "../../../../mcp/fs/fs_error.ts";
import { sha256Hex } from "../../../../shared/encoding.ts";
import { bytes, layerFixture, modeOf, namesIn } from "./_layer_fixture.ts";

async function failure(p: Promise<unknown>): Promise<FsError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FsError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

Deno.test("write() keeps a 0600 file 0600, backs it up 0600 in 0700 folders", async () => {
  await using t = await layerFixture();
  await Deno.mkdir(`${t.root}/arr`);
  await Deno.writeTextFile(`${t.root}/arr/compose.yaml`, "old\n", { mode: 0o600 });
  await Deno.chmod(`${t.root}/arr/compose.yaml`, 0o600);
  const w = await t.fs.write(`${t.root}/arr/compose.yaml`, t.roots, bytes("new\n"), { backup: true });
  assert.equal(await Deno.readTextFile(`${t.root}/arr/compose.yaml`), "new\n");
  assert.equal(await modeOf(`${t.root}/arr/compose.yaml`), 0o600);
  assert.ok(w.backup?.startsWith(`${t.root}/.arr-mcp-backups/arr/compose.yaml.`));
  assert.equal(await Deno.readTextFile(w.backup!), "old\n");
  assert.equal(await modeOf(w.backup!), 0o600);
  assert.equal(await modeOf(dirname(w.backup!)), 0o700);
  assert.equal(await modeOf(`${t.root}/.arr-mcp-backups`), 0o700);
});

Deno.test("write() keeps a 0644 file 0644 and its backup 0644", async () => {
  await using t = await layerFixture();
  await Deno.writeTextFile(`${t.root}/notes.md`, "old\n");
  await Deno.chmod(`${t.root}/notes.md`, 0o644);
  const w = await t.fs.write(`${t.root}/notes.md`, t.roots, bytes("new\n"), { backup: true });
  assert.equal(await modeOf(`${t.root}/notes.md`), 0o644);
  assert.equal(await modeOf(w.backup!), 0o644);
});

Deno.test("write() tightens an existing open backup folder when the original is private", async () => {
  await using t = await layerFixture();
  await Deno.mkdir(`${t.root}/.arr-mcp-backups/arr`, { recursive: true });
  await Deno.chmod(`${t.root}/.arr-mcp-backups`, 0o755);
  await Deno.chmod(`${t.root}/.arr-mcp-backups/arr`, 0o755);
  await Deno.mkdir(`${t.root}/arr`);
  await Deno.writeTextFile(`${t.root}/arr/.env.yaml`, "old\n");
  await Deno.chmod(`${t.root}/arr/.env.yaml`, 0o600);
  await t.fs.write(`${t.root}/arr/.env.yaml`, t.roots, bytes("new\n"), { backup: true });
  assert.equal(await modeOf(`${t.root}/.arr-mcp-backups`), 0o700);
  assert.equal(await modeOf(`${t.root}/.arr-mcp-backups/arr`), 0o700);
});

Deno.test("write() gives a new file 0600 in a folder of private files, else 0644", async () => {
  await using t = await layerFixture();
  await Deno.mkdir(`${t.root}/private`);
  await Deno.writeTextFile(`${t.root}/private/a.env`, "x");
  await Deno.chmod(`${t.root}/private/a.env`, 0o600);
  await t.fs.write(`${t.root}/private/new.txt`, t.roots, bytes("x"));
  assert.equal(await modeOf(`${t.root}/private/new.txt`), 0o600);
  await Deno.mkdir(`${t.root}/open`);
  await Deno.writeTextFile(`${t.root}/open/a.txt`, "x");
  await Deno.chmod(`${t.root}/open/a.txt`, 0o644);
  await t.fs.write(`${t.root}/open/new.txt`, t.roots, bytes("x"));
  assert.equal(await modeOf(`${t.root}/open/new.txt`), 0o644);
});

Deno.test("write() refuses a symlinked target: nothing written through it, it never becomes 0777", async () => {
  await using t = await layerFixture();
  await Deno.writeTextFile(`${t.root}/real.yaml`, "real\n");
  await Deno.chmod(`${t.root}/real.yaml`, 0o600);
  await Deno.symlink(`${t.root}/real.yaml`, `${t.root}/compose.yaml`);
  await Deno.writeTextFile(`${t.outside}/target.yaml`, "outside\n");
  await Deno.symlink(`${t.outside}/target.yaml`, `${t.root}/escape.yaml`);
  for (const name of ["compose.yaml", "escape.yaml"]) {
    const e = await failure(t.fs.write(`${t.root}/${name}`, t.roots, bytes("new\n"), { backup: true }));
    assert.equal(e.kind, "invalid_path");
    assert.equal(
      e.message,
      `Cannot write "${t.root}/${name}": it is a symbolic link; write to the path it points to`,
    );
    assert.equal((await Deno.lstat(`${t.root}/${name}`)).isSymlink, true);
  }
  assert.equal(await Deno.readTextFile(`${t.root}/real.yaml`), "real\n");
  assert.equal(await modeOf(`${t.root}/real.yaml`), 0o600);
  assert.equal(await Deno.readTextFile(`${t.outside}/target.yaml`), "outside\n");
  assert.deepEqual(
    await namesIn(t.root),
    ["compose.yaml", "escape.yaml", "real.yaml"],
    "no backup, no temp file",
  );
});

Deno.test("write() refuses a path through a symlinked folder leading outside, before touching it", async () => {
  await using t = await layerFixture();
  await Deno.symlink(t.outside, `${t.root}/escape`);
  const e = await failure(t.fs.write(`${t.root}/escape/new.txt`, t.roots, bytes("x")));
  assert.equal(e.kind, "outside_scope");
  assert.match(e.message, /a symbolic link leads outside the allowed roots/);
  assert.deepEqual(await namesIn(t.outside), []);
});

Deno.test("write() refuses a file another uid owns before any change, backup included", async () => {
  await using t = await layerFixture();
  await Deno.writeTextFile(`${t.root}/foreign.yaml`, "theirs\n");
  await Deno.chown(`${t.root}/foreign.yaml`, 4242, 4242);
  const e = await failure(t.fs.write(`${t.root}/foreign.yaml`, t.roots, bytes("mine\n"), { backup: true }));
  assert.equal(e.kind, "not_owned");
  assert.match(e.message, /owned by uid 4242/);
  assert.equal(await Deno.readTextFile(`${t.root}/foreign.yaml`), "theirs\n");
  assert.deepEqual(await namesIn(t.root), ["foreign.yaml"]);
  assert.equal((await failure(t.fs.writable(`${t.root}/foreign.yaml`, t.roots))).kind, "not_owned");
});

Deno.test("write() with expectSha256 refuses a file that changed or appeared since the preview", async () => {
  await using t = await layerFixture();
  await Deno.writeTextFile(`${t.root}/a.txt`, "now\n");
  const changed = await failure(
    t.fs.write(`${t.root}/a.txt`, t.roots, bytes("x"), { expectSha256: sha256Hex("before\n") }),
  );
  assert.deepEqual([changed.kind, changed.message], [
    "conflict",
    `Cannot write "${t.root}/a.txt": it changed since the preview; ask for a new preview`,
  ]);
  const appeared = await failure(t.fs.write(`${t.root}/a.txt`, t.roots, bytes("x"), { expectSha256: null }));
  assert.equal(appeared.kind, "conflict");
  assert.equal(await Deno.readTextFile(`${t.root}/a.txt`), "now\n");
  const w = await t.fs.write(`${t.root}/a.txt`, t.roots, bytes("x"), { expectSha256: sha256Hex("now\n") });
  assert.equal(w.created, false);
});

Deno.test("write() refuses the backup and trash areas", async () => {
  await using t = await layerFixture();
  await Deno.mkdir(`${t.root}/.arr-mcp-trash`);
  const e = await failure(t.fs.write(`${t.root}/.arr-mcp-trash/x`, t.roots, bytes("x")));
  assert.equal(e.kind, "protected");
  assert.equal((await failure(t.fs.makeDir(`${t.root}/.arr-mcp-backups/x`, t.roots))).kind, "protected");
});

Deno.test("open() reads only regular files the checks allow", async () => {
  await using t = await layerFixture();
  await Deno.writeTextFile(`${t.outside}/secret.txt`, "secret");
  await Deno.symlink(`${t.outside}/secret.txt`, `${t.root}/compose.yaml`);
  const e = await failure(t.fs.open(`${t.root}/compose.yaml`, t.roots));
  assert.equal(e.kind, "outside_scope");
  assert.doesNotMatch(e.message, /secret/);
  await Deno.writeTextFile(`${t.root}/ok.txt`, "ok");
  using handle = await t.fs.open(`${t.root}/ok.txt`, t.roots);
  assert.equal(new TextDecoder().decode(await handle.read(0, handle.size)), "ok");
});
