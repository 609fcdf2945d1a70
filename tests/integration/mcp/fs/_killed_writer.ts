/**
 * A child process for temp_sweep_test.ts: writes through the real file layer, then hangs once its temp file has
 * its first byte, printing "stuck" so the test can kill it there with SIGKILL.
 * Args: stacks dir, journal path, target file.
 */
import { createFileLayer } from "../../../../mcp/fs/file_layer.ts";
import type { HostFs } from "../../../../mcp/fs/host_fs.ts";

const [stacksDir, journal, target] = Deno.args as [string, string, string];

const hangingTemp: HostFs = {
  ...Deno,
  open: async (path, options) => {
    const file = await Deno.open(path, options);
    if (!String(path).endsWith(".tmp")) return file;
    return Object.assign(Object.create(file), {
      write: async (data: Uint8Array) => {
        await file.write(data.subarray(0, 1));
        console.log("stuck");
        setInterval(() => {}, 60_000);
        return await new Promise<number>(() => {});
      },
    }) as Deno.FsFile;
  },
};

await createFileLayer({ sys: hangingTemp, uid: Deno.uid() ?? 0, clock: { now: () => Date.now() }, journal })
  .write(target, [{ label: "stacks", path: stacksDir }], new TextEncoder().encode("new content\n"));
