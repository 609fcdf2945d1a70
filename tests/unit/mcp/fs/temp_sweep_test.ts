import assert from "node:assert/strict";
import { TEMP_NAME_PATTERN } from "../../../../shared/atomic_write.ts";
import type { HostFs } from "../../../../mcp/fs/host_fs.ts";
import { bytes, layerFixture, namesIn } from "./_layer_fixture.ts";

/** A process that dies between writing its temp file and renaming it: the rename fails and so does the cleanup. */
const killedBeforeRename: HostFs = {
  ...Deno,
  rename: () => Promise.reject(new Error("killed")),
  remove: (path, options) =>
    TEMP_NAME_PATTERN.test(String(path).split("/").pop() ?? "")
      ? Promise.reject(new Error("killed"))
      : Deno.remove(path, options),
};

Deno.test("sweep() at the next start removes the temp files a killed write left, and only those", async () => {
  await using t = await layerFixture();
  const journal = `${t.base}/temp-folders`;
  await Deno.mkdir(`${t.root}/arr`);
  await Deno.writeTextFile(`${t.root}/arr/compose.yaml`, "original\n");
  await t.layer({ sys: killedBeforeRename, journal })
    .write(`${t.root}/arr/compose.yaml`, t.roots, bytes("new\n"))
    .catch(() => {});
  const left = (await namesIn(`${t.root}/arr`)).filter((n) => TEMP_NAME_PATTERN.test(n));
  assert.equal(left.length, 1, "the killed write left its temp file");

  const decoys = [".notes.arr-mcp-zzzz.tmp", "compose.yaml.tmp", ".x.arr-mcp-0123abcd.tmp.bak"];
  for (const d of decoys) await Deno.writeTextFile(`${t.root}/arr/${d}`, "keep");
  await Deno.writeTextFile(`${t.root}/arr/.theirs.arr-mcp-0123abcd.tmp`, "keep");
  await Deno.chown(`${t.root}/arr/.theirs.arr-mcp-0123abcd.tmp`, 4242, 4242);

  const removed = await t.layer({ journal }).sweep(t.roots);
  assert.deepEqual(removed, [`${t.root}/arr/${left[0]}`]);
  assert.deepEqual(
    await namesIn(`${t.root}/arr`),
    [...decoys, ".theirs.arr-mcp-0123abcd.tmp", "compose.yaml"].sort(),
  );
  assert.equal(await Deno.readTextFile(`${t.root}/arr/compose.yaml`), "original\n");
  await assert.rejects(Deno.stat(journal), Deno.errors.NotFound, "the journal starts afresh");
});

Deno.test("sweep() skips journal folders that are no longer inside the roots", async () => {
  await using t = await layerFixture();
  const journal = `${t.base}/temp-folders`;
  await Deno.writeTextFile(`${t.outside}/.x.arr-mcp-0123abcd.tmp`, "not ours to judge");
  await Deno.writeTextFile(journal, `${t.outside}\n${t.root}/missing\n`);
  assert.deepEqual(await t.layer({ journal }).sweep(t.roots), []);
  assert.deepEqual(await namesIn(t.outside), [".x.arr-mcp-0123abcd.tmp"]);
});
