import assert from "node:assert/strict";
import { chooseEntry } from "../../../../mcp/launch/entry.ts";
import { BUILD_DIR, bundleName, readStampInputs, stampOf } from "../../../../mcp/launch/bundle_stamp.ts";

/** A tree with the start path's inputs, in a temp dir. */
async function tree(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "arr-entry-" });
  for (const dir of ["mcp", "shared", "templates", BUILD_DIR]) await Deno.mkdir(`${root}/${dir}`);
  await Deno.writeTextFile(`${root}/mcp/main.ts`, "export async function main() {}\n");
  await Deno.writeTextFile(`${root}/deno.json`, "{}\n");
  return root;
}

Deno.test("chooseEntry() runs the bundle made from this tree, and from source once a file changes", async () => {
  const root = await tree();
  try {
    const rootUrl = new URL(`file://${root}/`);
    const fromSource = await chooseEntry(rootUrl);
    assert.equal(fromSource.url.href, `${rootUrl.href}mcp/main.ts`);
    assert.match(fromSource.note, /running from source/);

    const name = bundleName(stampOf(await readStampInputs(root)));
    await Deno.writeTextFile(`${root}/${BUILD_DIR}/${name}`, "export async function main() {}\n");
    const bundled = await chooseEntry(rootUrl);
    assert.equal(bundled.url.href, `${rootUrl.href}${BUILD_DIR}/${name}`);
    assert.equal(bundled.note, `arr-mcp: running the bundle ${BUILD_DIR}/${name}`);

    await Deno.writeTextFile(`${root}/templates/dashboard.css`, "body {}\n");
    assert.equal((await chooseEntry(rootUrl)).url.href, `${rootUrl.href}mcp/main.ts`, "a new file: stale");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("chooseEntry() does not take a folder or an older tree's bundle for the bundle", async () => {
  const root = await tree();
  try {
    const rootUrl = new URL(`file://${root}/`);
    const name = bundleName(stampOf(await readStampInputs(root)));
    await Deno.mkdir(`${root}/${BUILD_DIR}/${name}`);
    await Deno.writeTextFile(`${root}/${BUILD_DIR}/${bundleName("0123456789abcdef")}`, "");
    assert.equal((await chooseEntry(rootUrl)).url.href, `${rootUrl.href}mcp/main.ts`);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
