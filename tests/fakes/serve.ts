/** Starts a real HTTP server on 127.0.0.1 with an OS-chosen port; `await using` closes it. */
export interface LoopbackServer extends AsyncDisposable {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function serveLoopback(handler: (request: Request) => Response | Promise<Response>): LoopbackServer {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  const port = server.addr.port;
  const close = async () => {
    await server.shutdown().catch(() => {});
  };
  return { url: `http://127.0.0.1:${port}`, port, close, [Symbol.asyncDispose]: close };
}

export function json(value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function text(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=UTF-8", ...headers } });
}
