/**
 * arr-helper's entry point: reads the environment, prepares the socket, serves `POST /command`.
 * Start it with `helper/start.sh` (or `deno task helper`): that file states the permission flags.
 */
import { parseConfig } from "./config.ts";
import { denoFs } from "./fs.ts";
import { createHandler } from "./handler.ts";
import { createOperations } from "./operations.ts";
import { createDenoRunner } from "./run_command.ts";
import { prepareSocket } from "./socket.ts";
import { HELPER_VERSION } from "./version.ts";
import { dirname } from "node:path";

function fail(message: string): never {
  console.error(`arr-helper: ${message}`);
  Deno.exit(1);
}

async function realDirectory(name: string, path: string, create: boolean): Promise<void> {
  if (create) await Deno.mkdir(path, { recursive: true, mode: 0o755 }).catch(() => {});
  let real: string;
  try {
    const info = await Deno.lstat(path);
    if (!info.isDirectory) fail(`Invalid ${name} "${path}": not a directory`);
    real = await Deno.realPath(path);
  } catch (e) {
    fail(`Invalid ${name} "${path}": ${(e as Error).message}`);
  }
  if (real !== path) {
    fail(`Invalid ${name} "${path}": it resolves to "${real}" through a symlink; use the real path`);
  }
}

const config = parseConfig((name) => Deno.env.get(name));
if (!config.ok) fail(config.error);
const { socketPath, stacksDir, quadletDir, generator, timeoutMs, stopTimeoutS } = config.value;
await realDirectory("ARR_STACKS_DIR", stacksDir, false);
await realDirectory("ARR_QUADLET_DIR", quadletDir, true);
const socket = await prepareSocket(socketPath).catch((e: Error) => ({
  ok: false as const,
  error: e.message,
}));
if (!socket.ok) fail(socket.error);

const start = performance.now();
const operations = createOperations({
  runner: createDenoRunner({ timeoutMs }),
  fs: denoFs,
  now: () => new Date(),
  stacksDir,
  quadletDir,
  generator,
  workDir: dirname(socketPath),
  stopTimeoutS,
});
const handler = createHandler({
  operations,
  audit: (line) => console.error(line),
  now: () => new Date(),
  elapsed: () => performance.now() - start,
});

const server = Deno.serve({
  path: socketPath,
  onListen() {
    Deno.chmodSync(socketPath, 0o600);
    console.error(JSON.stringify({
      event: "listening",
      version: HELPER_VERSION,
      socket: socketPath,
      stacks_dir: stacksDir,
      quadlet_dir: quadletDir,
      generator,
      timeout_s: timeoutMs / 1000,
    }));
  },
}, handler);
// Fill the info cache (podman-compose and quadlet versions) at start, so the first /api/status does not wait for
// the two subprocesses; the answer is kept by the cache, nothing is logged here.
void operations.info({}, { seqStart: null, seqEnd: null }).catch(() => {});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  Deno.addSignalListener(signal, async () => {
    await server.shutdown();
    await Deno.remove(socketPath).catch(() => {});
    Deno.exit(0);
  });
}
await server.finished;
