/**
 * The bundle's name says what it was made from (docs/mcp.md, the start task): a digest of the Deno
 * version, deno.json, deno.lock and the path, size and mtime of every file under mcp/, shared/ and templates/.
 * `deno task bundle` writes `.build/arr-mcp-<stamp>.js`; mcp/start.ts runs it only when the tree still gives the
 * same stamp, else it runs from source. The walk's file system calls are injected; the digest is pure.
 */
import { sha256Hex } from "../../shared/encoding.ts";

/** The folders whose files go into the program (text imports included: CSS, scripts, HTML, SVG). */
export const SOURCE_DIRS = ["mcp", "shared", "templates"] as const;
/** The files whose content goes into the stamp: import map and npm pins. */
export const CONFIG_FILES = ["deno.json", "deno.lock"] as const;
export const BUILD_DIR = ".build";
export const BUNDLE_PATTERN = /^arr-mcp-[0-9a-f]{16}\.js$/;

export interface SourceFile {
  /** Repository-relative, `/`-separated. */
  path: string;
  size: number;
  mtimeMs: number;
}

export interface StampInputs {
  denoVersion: string;
  /** Contents of CONFIG_FILES, in that order ("" for a missing one). */
  configs: string[];
  files: SourceFile[];
}

/** 16 hex digits; independent of the order the walk met the files in. */
export function stampOf(inputs: StampInputs): string {
  const files = [...inputs.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const lines = [
    `deno ${inputs.denoVersion}`,
    ...inputs.configs.map((text, i) => `${CONFIG_FILES[i] ?? i} ${sha256Hex(text)}`),
    ...files.map((f) => `${JSON.stringify(f.path)} ${f.size} ${f.mtimeMs}`),
  ];
  return sha256Hex(lines.join("\n")).slice(0, 16);
}

export function bundleName(stamp: string): string {
  return `arr-mcp-${stamp}.js`;
}

export type WalkFs = Pick<typeof Deno, "readDir" | "stat" | "readTextFile">;

async function walk(fs: WalkFs, root: string, rel: string, out: SourceFile[]): Promise<void> {
  for await (const entry of fs.readDir(`${root}/${rel}`)) {
    const path = `${rel}/${entry.name}`;
    if (entry.isDirectory) await walk(fs, root, path, out);
    else if (entry.isFile) {
      const info = await fs.stat(`${root}/${path}`);
      out.push({ path, size: info.size, mtimeMs: info.mtime?.getTime() ?? 0 });
    }
  }
}

/** What the tree at `root` is made of now. */
export async function readStampInputs(
  root: string,
  fs: WalkFs = Deno,
  denoVersion: string = Deno.version.deno,
): Promise<StampInputs> {
  const files: SourceFile[] = [];
  for (const dir of SOURCE_DIRS) await walk(fs, root, dir, files);
  const configs = await Promise.all(
    CONFIG_FILES.map((name) =>
      fs.readTextFile(`${root}/${name}`).catch((e) => {
        if (e instanceof Deno.errors.NotFound) return "";
        throw e;
      })
    ),
  );
  return { denoVersion, configs, files };
}
