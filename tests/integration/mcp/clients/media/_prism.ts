/**
 * Stoplight Prism (npm @stoplight/prism-cli 5.16.0) as a request-shape validator for the contract tests: it
 * answers 404 for a wrong path, 422 for a wrong parameter or body type and 401 for missing auth, so a client
 * that drifts from the OpenAPI document fails.
 *
 * Prism is installed by the tests themselves on first use: `npm install` (Node 18+) into a temp dir under the
 * git-ignored `.test-out/`, renamed to `.test-out/prism-5.16.0` under a lock dir, so parallel test files install
 * it once and never see a half install.
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
import { freeLoopbackPort } from "../../../_support/free_port.ts";

const PRISM_VERSION = "5.16.0";
const ROOT = new URL("../../../../../", import.meta.url).pathname;
const INSTALL_DIR = `${ROOT}.test-out/prism-${PRISM_VERSION}`;
const ENTRY = `${INSTALL_DIR}/node_modules/@stoplight/prism-cli/dist/index.js`;
export const FIXTURES = `${ROOT}tests/fixtures/specs`;

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
  while (!(await exists(ENTRY))) {
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
      if (!(await exists(ENTRY))) await install();
    } finally {
      await Deno.remove(lock, { recursive: true }).catch(() => {});
    }
  }
  return ENTRY;
}

async function install(): Promise<void> {
  const temp = await Deno.makeTempDir({ dir: `${ROOT}.test-out`, prefix: "prism-install-" });
  try {
    const out = await new Deno.Command("npm", {
      args: [
        "install",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        "--loglevel=error",
        "--prefix",
        temp,
        `@stoplight/prism-cli@${PRISM_VERSION}`,
      ],
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
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = freeLoopbackPort();
    const child = new Deno.Command("node", {
      args: [entry, "mock", "-h", "127.0.0.1", "-p", String(port), specPath],
      stdout: "null",
      stderr: "null",
      stdin: "null",
    }).spawn();
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
    };
    const close = async () => {
      await stop();
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
  }
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  throw new Error(`Cannot start Prism for ${fixture}: it did not answer`);
}
