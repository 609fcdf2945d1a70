/**
 * The v2 SDK client at protocol 2026-07-28, speaking to `createApp(...)`'s fetch without a port (the Host
 * header a real fetch would send is added). `elicit` answers the server's confirmation dialogs; without it the
 * client declares no elicitation capability. `rawCall` sends one hand-built 2026-07-28 `tools/call`, for
 * answers a well-behaved client would never send (forged or replayed state).
 */
import {
  Client,
  type ElicitRequest,
  type ElicitResult,
  StreamableHTTPClientTransport,
} from "@modelcontextprotocol/client";

export const MODERN = "2026-07-28";
const URL_ = "http://localhost:8484/mcp";

export type AppFetch = (req: Request) => Response | Promise<Response>;

function viaApp(fetchApp: AppFetch) {
  return async (url: string | URL | Request, init?: RequestInit) => {
    const req = new Request(url, init);
    const headers = new Headers(req.headers);
    headers.set("host", "localhost:8484");
    return await fetchApp(new Request(req, { headers }));
  };
}

export interface ModernOptions {
  key: string;
  elicit?: (params: ElicitRequest["params"]) => ElicitResult | Promise<ElicitResult>;
  /** @default `viaApp` (no port); pass the global fetch and a URL for a real server. */
  url?: string;
}

export async function connectModern(fetchApp: AppFetch | undefined, options: ModernOptions): Promise<Client> {
  const client = new Client(
    { name: "arr-mcp-modern-test", version: "1.0.0" },
    {
      capabilities: options.elicit ? { elicitation: { form: {} } } : {},
      versionNegotiation: { mode: { pin: MODERN } },
    },
  );
  if (options.elicit) {
    const answer = options.elicit;
    client.setRequestHandler("elicitation/create", (request) => answer(request.params));
  }
  await client.connect(
    new StreamableHTTPClientTransport(new URL(options.url ?? URL_), {
      ...(fetchApp ? { fetch: viaApp(fetchApp) } : {}),
      requestInit: { headers: { Authorization: `Bearer ${options.key}` } },
    }),
  );
  return client;
}

export interface RawCall {
  name: string;
  arguments: Record<string, unknown>;
  inputResponses?: Record<string, unknown>;
  requestState?: string;
  /** @default form elicitation */
  capabilities?: Record<string, unknown>;
}

/** One 2026-07-28 `tools/call` as JSON-RPC over the app; returns the JSON-RPC `result` (or throws on error). */
export async function rawCall(
  fetchApp: AppFetch,
  key: string,
  call: RawCall,
  // deno-lint-ignore no-explicit-any
): Promise<any> {
  const { capabilities, ...params } = call;
  const res = await fetchApp(
    new Request(URL_, {
      method: "POST",
      headers: {
        host: "localhost:8484",
        authorization: `Bearer ${key}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": MODERN,
        "mcp-method": "tools/call",
        "mcp-name": call.name,
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: {
          ...params,
          _meta: {
            "io.modelcontextprotocol/protocolVersion": MODERN,
            "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1" },
            "io.modelcontextprotocol/clientCapabilities": capabilities ?? { elicitation: { form: {} } },
          },
        },
      }),
    }),
  );
  const body = await res.json();
  if (body.error) throw new Error(`JSON-RPC error ${body.error.code}: ${body.error.message}`);
  return body.result;
}
