/** A real temp root for file-layer tests, a layer acting for this process's uid, and a settable clock. */
import { createFileLayer } from "../../../../mcp/fs/file_layer.ts";
import type { HostFs } from "../../../../mcp/fs/host_fs.ts";
import type { FsPort } from "../../../../mcp/fs/port.ts";
import type { ScopeRoot } from "../../../../mcp/fs/scope.ts";
import { type TestClock, testClock } from "../_support/test_deps.ts";

export interface LayerFixture extends AsyncDisposable {
  base: string;
  root: string;
  outside: string;
  roots: ScopeRoot[];
  clock: TestClock;
  fs: FsPort;
  /** Another layer over the same tree, e.g. with faulted system calls or a journal. */
  layer(options?: { sys?: HostFs; journal?: string }): FsPort;
}

export async function layerFixture(): Promise<LayerFixture> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-layer-" }));
  const root = `${base}/root`;
  const outside = `${base}/outside`;
  await Deno.mkdir(root);
  await Deno.mkdir(outside);
  const clock = testClock();
  const uid = Deno.uid() ?? 0;
  const layer = (options: { sys?: HostFs; journal?: string } = {}) =>
    createFileLayer({ uid, clock, ...options });
  return {
    base,
    root,
    outside,
    roots: [{ label: "stacks", path: root }],
    clock,
    fs: layer(),
    layer,
    [Symbol.asyncDispose]: () => Deno.remove(base, { recursive: true }),
  };
}

export async function modeOf(path: string): Promise<number> {
  return ((await Deno.lstat(path)).mode ?? 0) & 0o777;
}

export async function namesIn(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
}

export const bytes = (text: string) => new TextEncoder().encode(text);
