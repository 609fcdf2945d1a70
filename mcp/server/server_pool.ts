/**
 * Reuses McpServer instances across stateless requests. Registering every tool family builds dozens of zod
 * schemas and closures; doing it per request dominated CPU and memory. A server serves one request at a time:
 * `acquire` hands out an idle one (or builds one), `release` takes it back after `close()` reset its transport
 * and per-connection state. At most `maxIdle` idle servers are kept.
 */
import type { McpServer } from "@modelcontextprotocol/server";

export interface ServerPool {
  acquire(): McpServer;
  /** Only for a server whose `close()` completed; others are dropped. */
  release(server: McpServer): void;
  readonly idle: number;
}

export function createServerPool(build: () => McpServer, maxIdle = 16): ServerPool {
  const idle: McpServer[] = [];
  return {
    acquire: () => idle.pop() ?? build(),
    release(server) {
      if (idle.length < maxIdle) idle.push(server);
    },
    get idle() {
      return idle.length;
    },
  };
}
