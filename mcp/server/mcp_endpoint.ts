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
      const parsedBody = await request.clone().json().catch(() => undefined);
      if (parsedBody === undefined || await isLegacyRequest(request, parsedBody)) {
        return await serveLegacy(request, parsedBody);
      }
      return await modern.fetch(request, { parsedBody });
    },
    pools: { modern: modernPool, legacy: legacyPool },
  };
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
