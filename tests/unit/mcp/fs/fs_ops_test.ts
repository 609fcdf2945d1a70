import assert from "node:assert/strict";
import { writeFileAtomic } from "../../../../shared/atomic_write.ts";
import { directoryUsage, filesystemUsage } from "../../../../mcp/fs/disk_usage.ts";
import { backupPathFor, isKeepArea, keepStamp, trashPathFor } from "../../../../mcp/fs/keep_dirs.ts";
import { describeEntries, readFolder } from "../../../../mcp/fs/list_dir.ts";
import { findLogFiles, isLogFileName } from "../../../../mcp/fs/log_files.ts";
import { readTailLines, readTextCapped } from "../../../../mcp/fs/read_text.ts";
import { summarizeChange } from "../../../../mcp/fs/text_diff.ts";

async function tempDir(): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-fsops-" }));
  return { path, [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }) };
}

Deno.test("writeFileAtomic() replaces content, keeps the old mode and leaves no temp file", async () => {
  await using d = await tempDir();
  const file = `${d.path}/compose.yaml`;
  await Deno.writeTextFile(file, "old\n");
  await Deno.chmod(file, 0o640);
  await writeFileAtomic(file, new TextEncoder().encode("new\n"));
  assert.equal(await Deno.readTextFile(file), "new\n");
  assert.equal((await Deno.stat(file)).mode! & 0o777, 0o640);
  const names = [];
  for await (const e of Deno.readDir(d.path)) names.push(e.name);
  assert.deepEqual(names, ["compose.yaml"]);
});

Deno.test("writeFileAtomic() refuses a symlink: nothing is written through it and it never becomes 0777", async () => {
  await using d = await tempDir();
  await Deno.writeTextFile(`${d.path}/target`, "target\n");
  await Deno.chmod(`${d.path}/target`, 0o600);
  await Deno.symlink(`${d.path}/target`, `${d.path}/link`);
  await assert.rejects(
    writeFileAtomic(`${d.path}/link`, new TextEncoder().encode("replaced\n")),
    new Error(`Cannot write "${d.path}/link": it is a symbolic link`),
  );
  assert.equal(await Deno.readTextFile(`${d.path}/target`), "target\n");
  assert.equal((await Deno.lstat(`${d.path}/link`)).isSymlink, true);
  assert.equal((await Deno.stat(`${d.path}/target`)).mode! & 0o777, 0o600);
  const names = [];
  for await (const e of Deno.readDir(d.path)) names.push(e.name);
  assert.deepEqual(names.sort(), ["link", "target"], "no temp file is left");
});

Deno.test("keepStamp() sorts by time and backup/trash paths stay inside the root", () => {
  const a = keepStamp(Date.UTC(2026, 10, 22, 4, 0, 0, 5), "aaaaaa");
  const b = keepStamp(Date.UTC(2026, 10, 22, 4, 0, 1, 0), "000000");
  assert.equal(a, "20261122T040000005Z-aaaaaa");
  assert.ok(a < b);
  assert.equal(
    backupPathFor("/opt/stacks", "arr/compose.yaml", a),
    `/opt/stacks/.arr-mcp-backups/arr/compose.yaml.${a}`,
  );
  assert.equal(trashPathFor("/media", "tv/Show", a), `/media/.arr-mcp-trash/${a}/tv/Show`);
  assert.equal(isKeepArea(".arr-mcp-trash/x"), true);
  assert.equal(isKeepArea("arr/.arr-mcp-trash"), false);
});

Deno.test("summarizeChange() shows only the differing middle", () => {
  const s = summarizeChange("a\nb\nc\nd\n", "a\nB\nc\nd\n");
  assert.deepEqual([s.firstChangedLine, s.removed, s.added], [2, ["b"], ["B"]]);
  const grow = summarizeChange("a\n", "a\nb\n");
  assert.deepEqual([grow.removed, grow.added], [[], ["b"]]);
  assert.equal(summarizeChange("x", "x").addedCount, 0);
});

Deno.test("readTextCapped() reads a window and reports where to continue", async () => {
  await using d = await tempDir();
  await Deno.writeTextFile(`${d.path}/f.txt`, "0123456789");
  const r = await readTextCapped(`${d.path}/f.txt`, { offset: 2, maxBytes: 3 });
  assert.ok(!r.binary);
  if (!r.binary) assert.deepEqual([r.text, r.truncated, r.nextOffset, r.size], ["234", true, 5, 10]);
  await assert.rejects(
    readTextCapped(`${d.path}/f.txt`, { offset: 11, maxBytes: 3 }),
    /the file has 10 bytes/,
  );
});

Deno.test("readTailLines() returns the last whole lines", async () => {
  await using d = await tempDir();
  await Deno.writeTextFile(`${d.path}/l.log`, "one\ntwo\nthree\nfour\n");
  assert.deepEqual((await readTailLines(`${d.path}/l.log`, { lines: 2, maxBytes: 100 })).lines, [
    "three",
    "four",
  ]);
  const cut = await readTailLines(`${d.path}/l.log`, { lines: 10, maxBytes: 8 });
  assert.deepEqual(cut.lines, ["four"], "the partial first line is dropped");
  assert.equal(cut.truncated, true);
});

Deno.test("describeEntries() lists directories first and marks protected files", async () => {
  await using d = await tempDir();
  await Deno.mkdir(`${d.path}/z-dir`);
  await Deno.writeTextFile(`${d.path}/a.db`, "x");
  await Deno.writeTextFile(`${d.path}/b.txt`, "x");
  const l = describeEntries(await readFolder(Deno, d.path), { limit: 2 });
  assert.deepEqual(l.entries.map((e) => [e.name, e.type, e.protection]), [["z-dir", "directory", null], [
    "a.db",
    "file",
    "database",
  ]]);
  assert.equal(l.truncated, true);
  assert.equal(l.total, 3);
});

Deno.test("isLogFileName() accepts plain and rotated logs and skips compressed or database files", () => {
  for (
    const n of [
      "sonarr.txt",
      "sonarr.0.txt",
      "app.log",
      "app.log.1",
      "qbittorrent.log",
      "stderr.err",
      "logfile",
    ]
  ) {
    assert.ok(isLogFileName(n), n);
  }
  for (const n of ["app.log.gz", "logs.db", "config.xml", "movie.mkv"]) assert.ok(!isLogFileName(n), n);
});

Deno.test("findLogFiles() walks below the dir, newest first, within its entry budget", async () => {
  await using d = await tempDir();
  await Deno.mkdir(`${d.path}/a/b`, { recursive: true });
  await Deno.writeTextFile(`${d.path}/a/old.log`, "x");
  await Deno.utime(`${d.path}/a/old.log`, 1_000_000, 1_000_000);
  await Deno.writeTextFile(`${d.path}/a/b/new.log`, "x");
  await Deno.writeTextFile(`${d.path}/a/b/skip.gz`, "x");
  const all = await findLogFiles(d.path, { maxEntries: 100, maxDepth: 5 });
  assert.deepEqual(all.files.map((f) => f.path), [`${d.path}/a/b/new.log`, `${d.path}/a/old.log`]);
  assert.equal(all.complete, true);
  assert.equal((await findLogFiles(d.path, { maxEntries: 2, maxDepth: 5 })).complete, false);
});

Deno.test("filesystemUsage() and directoryUsage() measure real files", async () => {
  await using d = await tempDir();
  await Deno.mkdir(`${d.path}/big`);
  await Deno.writeFile(`${d.path}/big/a.bin`, new Uint8Array(256 * 1024).fill(1));
  await Deno.writeFile(`${d.path}/small.bin`, new Uint8Array(10).fill(1));
  await Deno.symlink("/", `${d.path}/root-link`);
  const fs = await filesystemUsage(d.path);
  assert.ok(
    fs.totalBytes > 0 && fs.usedBytes <= fs.totalBytes && fs.usedPercent >= 0 && fs.usedPercent <= 100,
  );
  const u = await directoryUsage(d.path, { maxEntries: 100, maxDepth: 8 });
  assert.equal(u.children[0]?.name, "big");
  assert.ok((u.children[0]?.bytes ?? 0) >= 256 * 1024);
  assert.equal(u.children[0]?.files, 1);
  assert.equal(u.children.find((c) => c.name === "root-link")?.type, "symlink", "symlinks are not followed");
  assert.equal(u.complete, true);
});
