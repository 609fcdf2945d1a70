/**
 * `deno task bundle` (a dependency of `deno task start`): makes `.build/arr-mcp-<stamp>.js`, mcp/main.ts and all
 * it imports as one minified file, unless the tree's bundle is already there; then removes older bundles. It
 * never stops the server from starting: when it cannot bundle (a read-only checkout, no npm cache) it says why
 * and exits 0, and mcp/start.ts runs from source.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILD_DIR, BUNDLE_PATTERN, bundleName, readStampInputs, stampOf } from "./launch/bundle_stamp.ts";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dir = `${root}/${BUILD_DIR}`;
const PARTIAL_PATTERN = /^arr-mcp-[0-9a-f]{16}\.js\.partial-[0-9a-f]{8}\.js$/;

/** Older trees' bundles, and partial files a bundler that died left (after an hour: not a running one's). */
async function removeOthers(keep: string): Promise<void> {
  const hourAgo = Date.now() - 3_600_000;
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile || entry.name === keep) continue;
    const path = `${dir}/${entry.name}`;
    const partial = PARTIAL_PATTERN.test(entry.name) &&
      ((await Deno.stat(path).catch(() => null))?.mtime?.getTime() ?? Infinity) < hourAgo;
    if (BUNDLE_PATTERN.test(entry.name) || partial) await Deno.remove(path).catch(() => {});
  }
}

async function makeBundle(): Promise<string | null> {
  const stamp = stampOf(await readStampInputs(root));
  const target = `${dir}/${bundleName(stamp)}`;
  if (await Deno.stat(target).then((i) => i.isFile, () => false)) return null;
  await Deno.mkdir(dir, { recursive: true });
  // Ends in .js: `deno bundle` picks the output format from the name.
  const tmp = `${target}.partial-${crypto.randomUUID().slice(0, 8)}.js`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--minify", "--platform=deno", "mcp/main.ts", "-o", tmp],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) {
    await Deno.remove(tmp).catch(() => {});
    throw new Error(new TextDecoder().decode(out.stderr).trim().split("\n").slice(-3).join(" "));
  }
  await Deno.rename(tmp, target);
  await removeOthers(bundleName(stamp));
  return target;
}

try {
  const made = await makeBundle();
  if (made) console.error(`arr-mcp: made the bundle ${made.slice(root.length + 1)}`);
} catch (e) {
  console.error(
    `arr-mcp: no bundle (${(e as Error).message}); the server runs from source, with ~15 MB more memory`,
  );
}
