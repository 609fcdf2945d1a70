import assert from "node:assert/strict";
import { denoFs } from "../../../helper/fs.ts";
import {
  BACKUP_DIR_NAME,
  BACKUPS_KEPT,
  createQuadletStore,
  type QuadletCheck,
} from "../../../helper/quadlet_files.ts";
import { err, ok } from "../../../shared/result.ts";

const NOW = new Date("2026-11-22T03:04:05.678Z");

async function tempStore(check: QuadletCheck | null = null) {
  const root = await Deno.makeTempDir();
  const dir = await Deno.realPath(root);
  const store = createQuadletStore({ fs: denoFs, dir, now: () => NOW, check });
  return {
    dir,
    store,
    [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }),
  };
}

Deno.test("createQuadletStore() write keeps the previous version in the backup folder", async () => {
  await using t = await tempStore();
  const first = await t.store.write("web.container", "[Container]\nImage=a\n");
  assert.equal(first.ok, true);
  const second = await t.store.write("web.container", "[Container]\nImage=b\n");
  assert.equal(second.ok, true);
  assert.equal(await Deno.readTextFile(`${t.dir}/web.container`), "[Container]\nImage=b\n");
  const backup = `${t.dir}/${BACKUP_DIR_NAME}/web.container.20261122T030405.678Z.bak`;
  assert.equal(await Deno.readTextFile(backup), "[Container]\nImage=a\n");
  if (second.ok) {
    assert.match(second.value, /Previous version kept at ".*web\.container\.20261122T030405\.678Z\.bak"/);
  }
  // Same clock again: a second backup gets a counter instead of overwriting the first.
  await t.store.write("web.container", "[Container]\nImage=c\n");
  const secondBackup = `${t.dir}/${BACKUP_DIR_NAME}/web.container.20261122T030405.678Z-1.bak`;
  assert.equal(await Deno.readTextFile(secondBackup), "[Container]\nImage=b\n");
  // No temp files are left beside the unit.
  const names = [];
  for await (const e of Deno.readDir(t.dir)) names.push(e.name);
  assert.deepEqual(names.sort(), [BACKUP_DIR_NAME, "web.container"]);
});

Deno.test("createQuadletStore() refuses a symlink at the target and leaves its destination alone", async () => {
  await using t = await tempStore();
  const outside = await Deno.makeTempFile();
  try {
    await Deno.writeTextFile(outside, "precious");
    await Deno.symlink(outside, `${t.dir}/evil.container`);
    for (
      const result of [
        await t.store.write("evil.container", "[Container]\nImage=x\n"),
        await t.store.read("evil.container"),
        await t.store.remove("evil.container"),
      ]
    ) {
      assert.deepEqual(result, {
        ok: false,
        error: { kind: "refused", message: 'Refusing "evil.container": it is a symbolic link' },
      });
    }
    assert.equal(await Deno.readTextFile(outside), "precious");
  } finally {
    await Deno.remove(outside);
  }
});

Deno.test("createQuadletStore() refuses a directory or fifo at the target", async () => {
  await using t = await tempStore();
  await Deno.mkdir(`${t.dir}/d.container`);
  assert.deepEqual(await t.store.write("d.container", "[Container]\nImage=x\n"), {
    ok: false,
    error: { kind: "refused", message: 'Refusing "d.container": it is not a regular file' },
  });
});

Deno.test("createQuadletStore() refuses a backup folder that is a symlink", async () => {
  await using t = await tempStore();
  const elsewhere = await Deno.makeTempDir();
  try {
    await Deno.symlink(elsewhere, `${t.dir}/${BACKUP_DIR_NAME}`);
    await t.store.write("web.container", "[Container]\nImage=a\n");
    const result = await t.store.write("web.container", "[Container]\nImage=b\n");
    assert.equal(result.ok, false);
    assert.equal(await Deno.readTextFile(`${t.dir}/web.container`), "[Container]\nImage=a\n");
    assert.deepEqual([...Deno.readDirSync(elsewhere)], []);
  } finally {
    await Deno.remove(elsewhere, { recursive: true });
  }
});

Deno.test("createQuadletStore() refuses a quadlet folder swapped for a symlink", async () => {
  const real = await Deno.realPath(await Deno.makeTempDir());
  const link = `${real}-link`;
  await Deno.symlink(real, link);
  try {
    const store = createQuadletStore({ fs: denoFs, dir: link, now: () => NOW, check: null });
    const result = await store.write("web.container", "[Container]\nImage=a\n");
    assert.deepEqual(result, {
      ok: false,
      error: { kind: "refused", message: `Quadlet folder "${link}" is not a real directory` },
    });
  } finally {
    await Deno.remove(link);
    await Deno.remove(real, { recursive: true });
  }
});

Deno.test("createQuadletStore() remove moves the file to a recoverable .deleted.bak copy", async () => {
  await using t = await tempStore();
  await t.store.write("media.network", "[Network]\n");
  const result = await t.store.remove("media.network");
  assert.equal(result.ok, true);
  await assert.rejects(Deno.lstat(`${t.dir}/media.network`), Deno.errors.NotFound);
  const copy = `${t.dir}/${BACKUP_DIR_NAME}/media.network.20261122T030405.678Z.deleted.bak`;
  assert.equal(await Deno.readTextFile(copy), "[Network]\n");
  assert.deepEqual(await t.store.remove("media.network"), {
    ok: false,
    error: { kind: "not_found", message: `No quadlet "media.network" in "${t.dir}"` },
  });
});

Deno.test("createQuadletStore() list shows regular unit files only, with an optional type filter", async () => {
  await using t = await tempStore();
  await t.store.write("web.container", "[Container]\nImage=a\n");
  await t.store.write("media.network", "[Network]\n");
  await Deno.writeTextFile(`${t.dir}/notes.txt`, "x");
  await Deno.symlink("/etc/hostname", `${t.dir}/link.container`);
  const all = await t.store.list(null);
  assert.deepEqual(all.ok ? all.value.map((e) => [e.file, e.name, e.type, e.size]) : all, [
    ["media.network", "media", "network", 10],
    ["web.container", "web", "container", 20],
  ]);
  const networks = await t.store.list("network");
  assert.deepEqual(networks.ok ? networks.value.map((e) => e.file) : networks, ["media.network"]);
});

Deno.test("createQuadletStore() write hands the candidate and the other units to the check", async () => {
  const seen: string[][] = [];
  const check: QuadletCheck = (candidate, others) => {
    seen.push([candidate.file, ...others.map((o) => o.file)]);
    return Promise.resolve(candidate.content.includes("Bad") ? err("unsupported key 'Bad'") : ok("fine"));
  };
  await using t = await tempStore(check);
  await t.store.write("media.network", "[Network]\n");
  await t.store.write("web.container", "[Container]\nImage=a\n");
  const rejected = await t.store.write("web.container", "[Container]\nBad=1\n");
  assert.deepEqual(rejected, {
    ok: false,
    error: { kind: "invalid", message: "Invalid argument \"content\": unsupported key 'Bad'" },
  });
  assert.equal(await Deno.readTextFile(`${t.dir}/web.container`), "[Container]\nImage=a\n");
  assert.deepEqual(seen, [["media.network"], ["web.container", "media.network"], [
    "web.container",
    "media.network",
  ]]);
});

Deno.test("createQuadletStore() keeps the newest replaced versions and every deleted copy", async () => {
  let tick = Date.parse("2026-01-01T00:00:00Z");
  const root = await Deno.realPath(await Deno.makeTempDir());
  try {
    const store = createQuadletStore({
      fs: denoFs,
      dir: root,
      now: () => new Date(tick += 1000),
      check: null,
    });
    for (let i = 0; i <= BACKUPS_KEPT + 3; i++) await store.write("a.volume", `[Volume]\n# ${i}\n`);
    await store.remove("a.volume");
    const kept = [...Deno.readDirSync(`${root}/${BACKUP_DIR_NAME}`)].map((e) => e.name).sort();
    const replaced = kept.filter((n) => !n.endsWith(".deleted.bak"));
    assert.equal(replaced.length, BACKUPS_KEPT);
    assert.equal(kept.length, BACKUPS_KEPT + 1);
    // The oldest kept version is the 4th write (0..2 were pruned); the newest is the one before the last write.
    assert.equal(Deno.readTextFileSync(`${root}/${BACKUP_DIR_NAME}/${replaced[0]}`), "[Volume]\n# 3\n");
    assert.equal(
      Deno.readTextFileSync(`${root}/${BACKUP_DIR_NAME}/${replaced.at(-1)}`),
      `[Volume]\n# ${BACKUPS_KEPT + 2}\n`,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
