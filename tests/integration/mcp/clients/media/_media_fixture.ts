import type { MediaServices } from "../../../../../mcp/clients/media/media_services.ts";
import { registerCredentialTools } from "../../../../../mcp/media/credential_tools.ts";
import { registerMediaTools } from "../../../../../mcp/media/media_tools.ts";
import type { MediaToolDeps } from "../../../../../mcp/media/common.ts";
import { testDeps } from "../../../../unit/mcp/_support/test_deps.ts";
import { memoryMediaServices } from "../../../_support/memory_media_services.ts";
import { connectInMemory } from "../../../../unit/mcp/_support/in_memory_client.ts";

/** MediaServices over a memory credential store, with URLs and keys from `env` (no discovery). */
export function mediaServicesFor(env: Record<string, string>): MediaServices {
  return memoryMediaServices(env, { clientOptions: { retries: 0, timeoutMs: 5_000 } });
}

export interface Structured {
  [key: string]: unknown;
}

/** An SDK client connected in memory to a server with the media and credential families. */
export async function connectMedia(media: MediaServices | undefined, overrides: Partial<MediaToolDeps> = {}) {
  const deps: MediaToolDeps = { ...testDeps(overrides), ...(media ? { media } : {}) };
  const connection = await connectInMemory(deps, [registerMediaTools, registerCredentialTools]);
  const client = connection.client;
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = await client.callTool({ name, arguments: args });
    const text = (result.content as Array<{ type: string; text?: string }>)[0]?.text ?? "";
    // Errors carry `{"error":{kind,message}}` as the last JSON line of the text block.
    const errorLine = text.split("\n").reverse().find((line) => line.startsWith('{"error"'));
    const error = errorLine
      ? (JSON.parse(errorLine) as { error: { kind: string; message: string } }).error
      : null;
    return {
      isError: result.isError === true,
      structured: (result.structuredContent ?? {}) as Structured,
      text,
      error,
    };
  };
  return {
    client,
    deps,
    call,
    [Symbol.asyncDispose]: connection.close,
  };
}
