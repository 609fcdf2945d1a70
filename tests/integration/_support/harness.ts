/**
 * Serves the real arr-mcp app (real deps from bootstrap()) with Deno.serve on 127.0.0.1, port 0, and connects
 * a real MCP SDK client over Streamable HTTP with the bearer header: `client()`/`call()` the v1 SDK client
 * (protocol 2025-11-25), `modern()` the v2 SDK client at 2026-07-28.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createApp } from "../../../mcp/server/app.ts";
import { bootstrap } from "../../../mcp/server/bootstrap.ts";
import { parseConfig } from "../../../mcp/core/config.ts";
import { MCP_CORE_FAMILIES } from "../../../mcp/server/core_families.ts";
import type { RegisterFamily } from "../../../mcp/toolkit/family.ts";
import type { ToolDeps } from "../../../mcp/toolkit/deps.ts";
import type { Clock } from "../../../mcp/core/clock.ts";
import { failureOf, type ToolFailure } from "../../../mcp/toolkit/tool_result.ts";
import { connectHttpClient } from "./http_client.ts";
import type { Client as ModernClient } from "@modelcontextprotocol/client";
import { connectModern, type ModernOptions } from "../../unit/mcp/_support/modern_client.ts";
import { serveLoopback } from "./loopback_server.ts";

/** The `{ kind, message }` of a tool error; fails the test when the result is not an error. */
export function errorOf(result: CallToolResult): ToolFailure {
  const failure = failureOf(result);
  if (failure === null) {
    throw new Error(`Expected a tool error, got ${JSON.stringify(result.structuredContent)}`);
  }
  return failure;
}

export interface Served {
  url: string;
  origin: string;
  key: string;
  deps: ToolDeps;
  dataDir: string;
  client(): Promise<Client>;
  /** A v2 SDK client at 2026-07-28 over HTTP; with `elicit` it declares form elicitation and answers dialogs. */
  modern(options?: Omit<ModernOptions, "key" | "url">): Promise<ModernClient>;
  /** Calls a tool and returns the result with `structuredContent` typed loosely. */
  // deno-lint-ignore no-explicit-any
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult & { structuredContent?: any }>;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Extra ARR_* variables (ARR_RUNTIME_SOCKET, ARR_HELPER_SOCKET, ARR_STACKS_DIR, ARR_READ_ONLY …). */
  env?: Record<string, string>;
  /** Wrap the app's fetch (e.g. the conformance run adds the bearer header). */
  wrap?: (fetch: (req: Request) => Promise<Response>, key: string) => (req: Request) => Promise<Response>;
  families?: readonly RegisterFamily[];
  /** The clock of the confirm tokens and the audit log (system clock by default). */
  clock?: Clock;
  /** Adds to the bootstrapped deps before the app is built (e.g. media services, the alert engine). */
  withDeps?: (deps: ToolDeps) => ToolDeps | Promise<ToolDeps>;
}

export async function serveArrMcp(options: ServeOptions = {}): Promise<Served> {
  const dataDir = await Deno.makeTempDir({ prefix: "arr-mcp-data-" });
  const key = `test-${crypto.randomUUID()}`;
  const parsed = parseConfig({
    ARR_MCP_API_KEY: key,
    ARR_DATA_DIR: dataDir,
    ARR_HELPER_SOCKET: `${dataDir}/no-helper.sock`,
    ARR_STACKS_DIR: `${dataDir}/stacks`,
    ...options.env,
  }, { uid: Deno.uid() ?? 0, home: dataDir });
  if (!parsed.ok) throw new Error(parsed.error);
  // Runtime auto-detection is off in tests unless a socket is given: point it at a path that does not exist.
  const booted = await bootstrap(
    { ...parsed.value, runtimeSocket: parsed.value.runtimeSocket ?? `${dataDir}/no-runtime.sock` },
    { env: {}, uid: Deno.uid() ?? 0, ...(options.clock ? { clock: options.clock } : {}) },
  );
  const server = serveLoopback();
  const { port, origin } = server;
  const base: ToolDeps = {
    ...booted.deps,
    config: {
      ...booted.deps.config,
      port,
      allowedHosts: [`127.0.0.1:${port}`, `localhost:${port}`],
      allowedOrigins: [origin, `http://localhost:${port}`],
    },
  };
  const deps = options.withDeps ? await options.withDeps(base) : base;
  const app = createApp(deps, {
    apiKey: key,
    families: options.families ?? MCP_CORE_FAMILIES,
    logError: () => {},
  });
  const appFetch = async (req: Request) => await app.fetch(req);
  server.handle(options.wrap ? options.wrap(appFetch, key) : appFetch);
  const clients: { close(): Promise<void> }[] = [];
  const url = `${origin}/mcp`;
  const client = async () => {
    const c = await connectHttpClient(url, key);
    clients.push(c);
    return c;
  };
  let shared: Client | undefined;
  return {
    url,
    origin,
    key,
    deps,
    dataDir,
    client,
    async modern(options = {}) {
      const c = await connectModern(undefined, { ...options, key, url });
      clients.push(c);
      return c;
    },
    async call(name, args = {}) {
      shared ??= await client();
      return await shared.callTool({ name, arguments: args }) as CallToolResult;
    },
    async close() {
      for (const c of clients) await c.close().catch(() => {});
      await server.shutdown();
      booted.close();
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    },
  };
}
