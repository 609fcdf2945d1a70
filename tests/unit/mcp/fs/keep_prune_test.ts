import assert from "node:assert/strict";
import { KEEP_LIMITS } from "../../../../mcp/fs/keep_dirs.ts";
import { bytes, layerFixture, modeOf, namesIn } from "./_layer_fixture.ts";

const DAY = 24 * 3600 * 1000;

Deno.test("backups are pruned by count: a file keeps its newest KEEP_LIMITS.backupsPerFile versions", async () => {
  await using t = await layerFixture();
  await Deno.writeTextFile(`${t.root}/a.txt`, "v0");
  await Deno.writeTextFile(`${t.root}/b.txt`, "other");
  await t.fs.write(`${t.root}/b.txt`, t.roots, bytes("other 2"), { backup: true });
  const made: string[] = [];
  for (let i = 1; i <= KEEP_LIMITS.backupsPerFile + 3; i++) {
    t.clock.advance(1000);
    made.push((await t.fs.write(`${t.root}/a.txt`, t.roots, bytes(`v${i}`), { backup: true })).backup!);
  }
  const left = await namesIn(`${t.root}/.arr-mcp-backups`);
  const mine = left.filter((n) => n.startsWith("a.txt."));
  assert.equal(mine.length, KEEP_LIMITS.backupsPerFile);
  assert.deepEqual(mine, made.slice(-KEEP_LIMITS.backupsPerFile).map((p) => p.split("/").pop()).sort());
  assert.equal(
    left.filter((n) => n.startsWith("b.txt.")).length,
    1,
    "another file's backups are not touched",
  );
});

Deno.test("backups are pruned by age with the injected clock", async () => {
  await using t = await layerFixture();
  await Deno.writeTextFile(`${t.root}/a.txt`, "v0");
  const first = (await t.fs.write(`${t.root}/a.txt`, t.roots, bytes("v1"), { backup: true })).backup!;
  t.clock.advance(KEEP_LIMITS.maxAgeMs - DAY);
  const second = (await t.fs.write(`${t.root}/a.txt`, t.roots, bytes("v2"), { backup: true })).backup!;
  assert.equal((await namesIn(`${t.root}/.arr-mcp-backups`)).length, 2, "not yet too old");
  t.clock.advance(2 * DAY);
  const third = (await t.fs.write(`${t.root}/a.txt`, t.roots, bytes("v3"), { backup: true })).backup!;
  assert.deepEqual(
    await namesIn(`${t.root}/.arr-mcp-backups`),
    [second, third].map((p) => p.split("/").pop()).sort(),
  );
  await assert.rejects(Deno.stat(first), Deno.errors.NotFound);
});

Deno.test("the trash is pruned by count and by age; entries are private folders", async () => {
  await using t = await layerFixture();
  const trashed: string[] = [];
  for (let i = 0; i < KEEP_LIMITS.trashEntries + 2; i++) {
    await Deno.writeTextFile(`${t.root}/f${i}.txt`, "x");
    t.clock.advance(1000);
    trashed.push(await t.fs.trash(`${t.root}/f${i}.txt`, t.roots));
  }
  const stamps = await namesIn(`${t.root}/.arr-mcp-trash`);
  assert.equal(stamps.length, KEEP_LIMITS.trashEntries);
  await assert.rejects(Deno.stat(trashed[0]!), Deno.errors.NotFound);
  assert.equal(await Deno.readTextFile(trashed.at(-1)!), "x");
  assert.equal(await modeOf(`${t.root}/.arr-mcp-trash/${stamps[0]}`), 0o700);
  t.clock.advance(KEEP_LIMITS.maxAgeMs + DAY);
  await Deno.writeTextFile(`${t.root}/last.txt`, "x");
  const last = await t.fs.trash(`${t.root}/last.txt`, t.roots);
  assert.deepEqual(await namesIn(`${t.root}/.arr-mcp-trash`), [last.split("/").at(-2)]);
});

Deno.test("keepCopies() writes 0600 copies in a private stamp folder and prunes older ones", async () => {
  await using t = await layerFixture();
  const dir = `${t.root}/arr/quadlets/.rollback`;
  await Deno.mkdir(`${t.root}/arr/quadlets`, { recursive: true });
  const first = await t.fs.keepCopies(dir, t.roots, new Map([["web.container", bytes("[Container]\n")]]));
  assert.equal(await Deno.readTextFile(`${first}/web.container`), "[Container]\n");
  assert.equal(await modeOf(`${first}/web.container`), 0o600);
  assert.equal(await modeOf(first), 0o700);
  assert.equal(await modeOf(dir), 0o700);
  for (let i = 0; i < KEEP_LIMITS.rollbacks; i++) {
    t.clock.advance(1000);
    await t.fs.keepCopies(dir, t.roots, new Map([["web.container", bytes(`v${i}`)]]));
  }
  assert.equal((await namesIn(dir)).length, KEEP_LIMITS.rollbacks);
  await assert.rejects(Deno.stat(first), Deno.errors.NotFound);
  await assert.rejects(
    t.fs.keepCopies(dir, t.roots, new Map([["../x", bytes("x")]])),
    /Cannot keep a copy named "\.\.\/x": expected a plain file name/,
  );
});

Deno.test("pruning leaves kept entries another uid owns and files that are not kept copies", async () => {
  await using t = await layerFixture();
  await Deno.mkdir(`${t.root}/.arr-mcp-backups`, { mode: 0o700 });
  const old = `${t.root}/.arr-mcp-backups/a.txt.20200101T000000000Z-aaaaaa`;
  const foreign = `${t.root}/.arr-mcp-backups/a.txt.20200101T000000000Z-bbbbbb`;
  const stranger = `${t.root}/.arr-mcp-backups/a.txt.notes`;
  for (const p of [old, foreign, stranger]) await Deno.writeTextFile(p, "x");
  await Deno.chown(foreign, 4242, 4242);
  await Deno.writeTextFile(`${t.root}/a.txt`, "v0");
  await t.fs.write(`${t.root}/a.txt`, t.roots, bytes("v1"), { backup: true });
  await assert.rejects(Deno.stat(old), Deno.errors.NotFound);
  assert.ok((await Deno.stat(foreign)).isFile);
  assert.ok((await Deno.stat(stranger)).isFile);
});
