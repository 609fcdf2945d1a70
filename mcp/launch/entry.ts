/**
 * Which file the start path runs: the tree's bundle when `deno task bundle` made one from exactly this tree
 * (bundle_stamp.ts), else mcp/main.ts from source. File system calls are injected.
 */
import { fileURLToPath } from "node:url";
import { BUILD_DIR, bundleName, readStampInputs, stampOf, type WalkFs } from "./bundle_stamp.ts";

export interface Entry {
  url: URL;
  /** The line the server prints first, saying which it runs. */
  note: string;
}

/** `root`: the repository's URL, ending in "/". */
export async function chooseEntry(root: URL, fs: WalkFs = Deno): Promise<Entry> {
  const stamp = stampOf(await readStampInputs(fileURLToPath(root).replace(/\/$/, ""), fs));
  const relative = `${BUILD_DIR}/${bundleName(stamp)}`;
  const bundle = new URL(relative, root);
  if (await fs.stat(bundle).then((info) => info.isFile, () => false)) {
    return { url: bundle, note: `arr-mcp: running the bundle ${relative}` };
  }
  return {
    url: new URL("mcp/main.ts", root),
    note: "arr-mcp: running from source (no bundle of this tree; `deno task bundle` makes one)",
  };
}
