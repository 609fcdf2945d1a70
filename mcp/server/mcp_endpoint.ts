/**
 * `POST /mcp` for both protocol generations, statelessly, on pooled servers.
 *
 * - 2026-07-28 (a request carrying the `_meta` envelope): the SDK's `createMcpHandler` (strict, `legacy:
 *   "reject"`): `server/discover`, per-request client capabilities, `input_required` results.
 * - 2025-06-18 / 2025-11-25: a stateless Streamable HTTP transport with JSON responses, as before. The SDK's own
 *   stateless fallback answers with an event stream; JSON keeps every existing 2025 client and script working.
 *
 * The SDK's `isLegacyRequest` makes the routing decision (the same code its handler uses), so the two legs can
 * never disagree. A server serves one request at a time; each era has its own pool, because serving a
 * 2026-07-28 request binds an instance to that revision for good.
 */
import {
  createMcpHandler,
  isLegacyRequest,
  type McpServer,
  WebStandardStreamableHTTPServerTransport,
} from "@modelcontextprotocol/server";
import { createServerPool, type ServerPool } from "./server_pool.ts";

export interface McpEndpointOptions {
  /** Builds a server with every family registered (mcp_server.ts `createMcpServer`). */
  build: () => McpServer;
  /** Largest request body in bytes. */
  maxBodyBytes: number;
  /** Out-of-band errors of the modern leg (reporting only). */
  onError?: (error: Error) => void;
}

export interface McpEndpoint {
  handle(request: Request): Promise<Response>;
  /** Idle servers per era (for tests). */
  readonly pools: { modern: ServerPool; legacy: ServerPool };
}

export function createMcpEndpoint(options: McpEndpointOptions): McpEndpoint {
  const modernPool = createServerPool(options.build);
  const legacyPool = createServerPool(options.build);
  const modern = createMcpHandler(() => lendUntilClosed(modernPool), {
    legacy: "reject",
    maxRequestBodySize: options.maxBodyBytes,
    ...(options.onError ? { onerror: options.onError } : {}),
  });

  async function serveLegacy(request: Request, parsedBody: unknown): Promise<Response> {
    const server = legacyPool.acquire();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    let reusable = false;
    try {
      await server.connect(transport);
      const res = await transport.handleRequest(
        request,
        parsedBody === undefined ? undefined : { parsedBody },
      );
      reusable = true;
      return res;
    } finally {
      // JSON mode: the response body is complete once handleRequest resolves; close() resets the server.
      await server.close();
      if (reusable) legacyPool.release(server);
    }
  }

  return {
    async handle(request) {
      // The body is read once; the SDK gets it parsed, on a copy of the request without the client's abort
      // signal (Deno.serve aborts it after every response, and nothing here streams).
      const text = await request.text();
      const copy = new Request(request.url, { method: request.method, headers: request.headers, body: text });
      const parsedBody = parseJson(text);
      if (parsedBody === undefined || await isLegacyRequest(copy, parsedBody)) {
        return await serveLegacy(copy, parsedBody);
      }
      return await modern.fetch(copy, { parsedBody });
    },
    pools: { modern: modernPool, legacy: legacyPool },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Hands out a pooled server that goes back to the pool when the SDK closes it after its one exchange. */
function lendUntilClosed(pool: ServerPool): McpServer {
  const server = pool.acquire();
  let returned = false;
  server.server.onclose = () => {
    if (returned) return;
    returned = true;
    pool.release(server);
  };
  return server;
}
