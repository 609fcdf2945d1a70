import assert from "node:assert/strict";
import { FsError } from "../../../../mcp/fs/fs_error.ts";
import type { HostFs } from "../../../../mcp/fs/host_fs.ts";
import { bytes, layerFixture, modeOf, namesIn } from "./_layer_fixture.ts";

/** System calls whose temp-file writes fail after the first chunk, as a disk that fills up midway does. */
function diskFullMidway(): HostFs {
  return {
    ...Deno,
    open: async (path, options) => {
      const file = await Deno.open(path, options);
      if (!String(path).endsWith(".tmp")) return file;
      let calls = 0;
      return Object.assign(Object.create(file), {
        write: async (data: Uint8Array) => {
          if (calls++ > 0) throw new Deno.errors.WriteZero("No space left on device (os error 28)");
          return await file.write(data.subarray(0, Math.max(1, data.length >> 1)));
        },
        syncData: () => file.syncData(),
        [Symbol.dispose]: () => file.close(),
        close: () => file.close(),
      }) as Deno.FsFile;
    },
  };
}

Deno.test("a write failing midway leaves the original intact, no temp file, and a clear error", async () => {
  await using t = await layerFixture();
  await Deno.writeTextFile(`${t.root}/compose.yaml`, "original\n");
  await Deno.chmod(`${t.root}/compose.yaml`, 0o640);
  const fs = t.layer({ sys: diskFullMidway() });
  const e = await fs.write(`${t.root}/compose.yaml`, t.roots, bytes("a much longer new content\n")).then(
    () => null,
    (e) => e,
  );
  assert.ok(e instanceof FsError);
  assert.equal(e.kind, "io");
  assert.equal(
    e.message,
    `Cannot write "${t.root}/compose.yaml": No space left on device (os error 28); the file is unchanged`,
  );
  assert.equal(await Deno.readTextFile(`${t.root}/compose.yaml`), "original\n");
  assert.equal(await modeOf(`${t.root}/compose.yaml`), 0o640);
  assert.deepEqual(await namesIn(t.root), ["compose.yaml"]);
});

Deno.test("a failing rename into the trash leaves the entry where it was", async () => {
  await using t = await layerFixture();
  await Deno.writeTextFile(`${t.root}/old.txt`, "x");
  const fs = t.layer({
    sys: {
      ...Deno,
      rename: () => Promise.reject(new Deno.errors.Busy("Device or resource busy (os error 16)")),
    },
  });
  const e = await fs.trash(`${t.root}/old.txt`, t.roots).then(() => null, (e) => e);
  assert.ok(e instanceof FsError);
  assert.deepEqual([e.kind, e.message], [
    "io",
    `Cannot delete "${t.root}/old.txt": Device or resource busy (os error 16)`,
  ]);
  assert.equal(await Deno.readTextFile(`${t.root}/old.txt`), "x");
});
