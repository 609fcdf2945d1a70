/**
 * Deno.serve on 127.0.0.1 with a port the OS picks, whose handler is set afterwards: the app needs the port
 * (for its Host and Origin checks) before it can be built. Until then it answers 503.
 */
export interface LoopbackServer {
  port: number;
  origin: string;
  handle(handler: (req: Request) => Response | Promise<Response>): void;
  shutdown(): Promise<void>;
}

export function serveLoopback(): LoopbackServer {
  let current: ((req: Request) => Response | Promise<Response>) | undefined;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => current ? current(req) : new Response("starting", { status: 503 }),
  );
  const port = server.addr.port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    handle: (handler) => current = handler,
    shutdown: () => server.shutdown(),
  };
}
