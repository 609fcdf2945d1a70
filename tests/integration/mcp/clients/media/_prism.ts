/**
 * Stoplight Prism (npm @stoplight/prism-cli 5.16.0) as a request-shape validator for the contract tests: it
 * answers 404 for a wrong path, 422 for a wrong parameter or body type and 401 for missing auth, so a client
 * that drifts from the OpenAPI document fails.
 *
 * Prism is installed by the tests themselves on first use: `npm ci` from the committed lock file
 * (tests/fixtures/prism/package-lock.json, so every machine gets the same dependency tree) into a temp dir under
 * the git-ignored `.test-out/`, renamed to `.test-out/prism-<lock hash>` under a lock dir, so parallel test files
 * install it once and never see a half install. It runs under Deno (`deno run -A`), not Node: Node 18 cannot
 * load the faker version Prism uses. When it does not start, the error carries the end of Prism's own output.
 *
 * The fixtures in tests/fixtures/specs are upstream text; the places where the specs and the real servers
 * disagree (notes: service-apis.md §6) are patched here, in memory:
 * * *arr `CommandResource.additionalProperties: false` → true: real commands carry extra fields
 *   ({"name":"RescanSeries","seriesId":1}).
 * * *arr `POST /command` gains a 201 response: the real apps answer 201 Created.
 * * *arr `text/plain` / `text/json` response types are dropped: the apps always answer JSON, but Prism would pick
 *   text/plain first and fail with 500 NO_COMPLEX_OBJECT_TEXT (Radarr).
 * * Plex gains `GET /accounts` (a real PMS endpoint neither Plex spec documents; fields from python-plexapi
 *   `SystemAccount`).
 */
import { sha256Hex } from "../../../../../shared/encoding.ts";
import { freeLoopbackPort } from "../../../_support/free_port.ts";

const ROOT = new URL("../../../../../", import.meta.url).pathname;
/** package.json and package-lock.json pinning @stoplight/prism-cli 5.16.0 and its whole tree. */
const LOCK_DIR = `${ROOT}tests/fixtures/prism`;
const LOCK_HASH = sha256Hex(await Deno.readTextFile(`${LOCK_DIR}/package-lock.json`)).slice(0, 12);
const INSTALL_DIR = `${ROOT}.test-out/prism-${LOCK_HASH}`;
const ENTRY = `${INSTALL_DIR}/node_modules/@stoplight/prism-cli/dist/index.js`;
/** Written last by the install, so an install from before the Deno switch is redone. */
const READY = `${INSTALL_DIR}/deno.json`;
export const FIXTURES = `${ROOT}tests/fixtures/specs`;
/** How much of Prism's own output a start failure keeps. */
const OUTPUT_TAIL_CHARS = 4000;

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs Prism once per checkout; safe to call from parallel test files: one file takes a lock dir and
 * installs, the others wait for the install to appear (a lock older than 5 minutes is treated as stale).
 */
export async function ensurePrism(): Promise<string> {
  const lock = `${INSTALL_DIR}.lock`;
  const deadline = Date.now() + 300_000;
  while (!(await exists(ENTRY)) || !(await exists(READY))) {
    if (Date.now() > deadline) throw new Error(`Cannot install Prism: timed out waiting for "${lock}"`);
    await Deno.mkdir(`${ROOT}.test-out`, { recursive: true });
    try {
      await Deno.mkdir(lock);
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
      const age = Date.now() - ((await Deno.stat(lock).catch(() => null))?.mtime?.getTime() ?? Date.now());
      if (age > 300_000) await Deno.remove(lock, { recursive: true }).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      if (!(await exists(ENTRY)) || !(await exists(READY))) await install();
    } finally {
      await Deno.remove(lock, { recursive: true }).catch(() => {});
    }
  }
  return ENTRY;
}

async function install(): Promise<void> {
  const temp = await Deno.makeTempDir({ dir: `${ROOT}.test-out`, prefix: "prism-install-" });
  try {
    for (const file of ["package.json", "package-lock.json"]) {
      await Deno.copyFile(`${LOCK_DIR}/${file}`, `${temp}/${file}`);
    }
    // Its own Deno config, so Deno reads node_modules as installed (CommonJS included) and ignores the repo's.
    await Deno.writeTextFile(`${temp}/deno.json`, `${JSON.stringify({ nodeModulesDir: "manual" })}\n`);
    const out = await new Deno.Command("npm", {
      args: ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", "--prefix", temp],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(
        `Cannot install Prism with npm: ${new TextDecoder().decode(out.stderr).slice(0, 2000)}`,
      );
    }
    await Deno.remove(INSTALL_DIR, { recursive: true }).catch(() => {});
    await Deno.rename(temp, INSTALL_DIR);
  } finally {
    await Deno.remove(temp, { recursive: true }).catch(() => {});
  }
}

type Obj = Record<string, unknown>;

export function patchArrSpec(spec: Obj): Obj {
  const copy = structuredClone(spec) as Obj;
  const schemas = ((copy.components as Obj).schemas ?? {}) as Record<string, Obj>;
  if (schemas.CommandResource) schemas.CommandResource.additionalProperties = true;
  for (const item of Object.values(copy.paths as Record<string, Obj>)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== "object" || op === null || !("responses" in op)) continue;
      const responses = (op as Obj).responses as Record<string, Obj>;
      for (const response of Object.values(responses)) {
        const content = response.content as Obj | undefined;
        if (content && "application/json" in content) {
          delete content["text/plain"];
          delete content["text/json"];
        }
      }
      void method;
    }
  }
  for (const [path, item] of Object.entries(copy.paths as Record<string, Obj>)) {
    if (!path.endsWith("/command")) continue;
    const post = item.post as Obj | undefined;
    const responses = post?.responses as Record<string, Obj> | undefined;
    if (responses?.["200"]) responses["201"] = { ...responses["200"], description: "Created" };
  }
  return copy;
}

export function patchPlexSpec(spec: Obj): Obj {
  const copy = structuredClone(spec) as Obj;
  (copy.paths as Obj)["/accounts"] = {
    get: {
      summary: "Local accounts (added by the arr-mcp test setup; real PMS endpoint, not in the spec)",
      operationId: "getAccounts",
      security: [{ token: ["admin"] }],
      responses: {
        "200": {
          description: "OK",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["MediaContainer"],
                properties: {
                  MediaContainer: {
                    type: "object",
                    required: ["size", "Account"],
                    properties: {
                      size: { type: "integer", example: 2 },
                      Account: {
                        type: "array",
                        items: {
                          type: "object",
                          required: ["id", "name"],
                          properties: {
                            id: { type: "integer", example: 1 },
                            key: { type: "string", example: "/accounts/1" },
                            name: { type: "string", example: "owner" },
                            thumb: { type: "string" },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
  return copy;
}

export interface PrismServer extends AsyncDisposable {
  url: string;
  close(): Promise<void>;
}

/** Starts `prism mock` on loopback for a patched fixture and waits until it answers. */
export async function startPrism(fixture: string, patch: (spec: Obj) => Obj): Promise<PrismServer> {
  const entry = await ensurePrism();
  const spec = patch(JSON.parse(await Deno.readTextFile(`${FIXTURES}/${fixture}`)));
  const dir = await Deno.makeTempDir({ prefix: "arr-prism-" });
  const specPath = `${dir}/${fixture}`;
  await Deno.writeTextFile(specPath, JSON.stringify(spec));
  let lastOutput = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = freeLoopbackPort();
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        `--config=${INSTALL_DIR}/deno.json`,
        entry,
        "mock",
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        specPath,
      ],
      cwd: INSTALL_DIR,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
      stdin: "null",
    }).spawn();
    // Always drained (Prism logs every request; a full pipe would stall it), only the end is kept.
    const output = outputTail(child, OUTPUT_TAIL_CHARS);
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
    };
    const close = async () => {
      await stop();
      await output.text();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    };
    const deadline = Date.now() + 60_000;
    let exited = false;
    child.status.then(() => exited = true);
    while (!exited && Date.now() < deadline) {
      try {
        const response = await fetch(`${url}/__prism_ready_probe__`);
        await response.body?.cancel();
        return { url, close, [Symbol.asyncDispose]: close };
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await stop();
    lastOutput = await output.text();
  }
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  throw new Error(`Cannot start Prism for ${fixture}: it did not answer. Its output:\n${lastOutput}`);
}

/** Reads a child's stdout and stderr to the end, keeping the last `max` characters of both. */
function outputTail(child: Deno.ChildProcess, max: number): { text(): Promise<string> } {
  let kept = "";
  const drain = async (stream: Deno.ChildProcess["stdout"]) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) kept = (kept + chunk).slice(-max);
  };
  const done = Promise.all([drain(child.stdout), drain(child.stderr)]).catch(() => {});
  return { text: async () => (await done, kept) };
}
