/**
 * `tools/list` built once. The SDK answers it by converting every tool's zod schemas to JSON Schema on each
 * call (~9 ms of CPU for the full set); the list only depends on the families offered and the read-only mode,
 * both fixed for the lifetime of an app, so the first answer the SDK builds is kept and served to every later
 * request from every pooled server.
 */
import type { ListToolsResult, McpServer } from "@modelcontextprotocol/server";

type ListHandler = (request: unknown, ctx: unknown) => Promise<ListToolsResult>;

export interface ToolListCache {
  /** Replaces `server`'s `tools/list` handler with one that asks the SDK's own handler once per cache. */
  install(server: McpServer): void;
  /** How many times the SDK's own handler has built the list (1 once anything was listed). */
  readonly builds: number;
}

export function createToolListCache(): ToolListCache {
  let list: Promise<ListToolsResult> | undefined;
  let builds = 0;
  return {
    install(server) {
      // `_getRequestHandler` is the Protocol's own accessor for a stored handler (protected in its d.ts).
      const protocol = server.server as unknown as {
        _getRequestHandler(method: string): ListHandler | undefined;
      };
      const sdkList = protocol._getRequestHandler("tools/list");
      if (sdkList === undefined) return;
      server.server.setRequestHandler("tools/list", async (request, ctx) => {
        list ??= (builds++, sdkList(request, ctx)).catch((e) => {
          list = undefined;
          throw e;
        });
        // A shallow copy: the encode step may annotate the result object; the tool definitions are shared.
        return { ...await list };
      });
    },
    get builds() {
      return builds;
    },
  };
}
