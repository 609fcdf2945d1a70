/**
 * A Unix-socket proxy in front of the Podman API that records every HTTP request line it passes on, so a test
 * can count what a server really asked Podman (the bytes themselves go through untouched).
 */

const REQUEST_LINE = /(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g;

export interface CountingProxy {
  socket: string;
  /** Request targets seen so far (method and path with query), in order. */
  requests: string[];
  close(): Promise<void>;
}

export function countingSocketProxy(target: string, socket: string): CountingProxy {
  const listener = Deno.listen({ transport: "unix", path: socket });
  const requests: string[] = [];
  const open = new Set<Deno.Conn>();
  const pipes: Promise<unknown>[] = [];
  /** One per connection: a request line may arrive split over two reads. */
  const recorder = () => {
    let pending = "";
    return (text: string) => {
      pending += text;
      let end = 0;
      for (const m of pending.matchAll(REQUEST_LINE)) {
        requests.push(`${m[1]} ${m[2]}`);
        end = (m.index ?? 0) + m[0].length;
      }
      pending = pending.slice(end).slice(-512);
    };
  };

  const serve = (async () => {
    for await (const client of listener) {
      const upstream = await Deno.connect({ transport: "unix", path: target }).catch(() => null);
      if (upstream === null) {
        client.close();
        continue;
      }
      open.add(client).add(upstream);
      pipes.push(pump(client, upstream, recorder()), pump(upstream, client, () => {}));
    }
  })();

  async function pump(from: Deno.Conn, to: Deno.Conn, seen: (text: string) => void) {
    const buf = new Uint8Array(64 * 1024);
    const decoder = new TextDecoder("latin1");
    try {
      for (;;) {
        const n = await from.read(buf);
        if (n === null) break;
        seen(decoder.decode(buf.subarray(0, n)));
        let off = 0;
        while (off < n) off += await to.write(buf.subarray(off, n));
      }
    } catch {
      // a side went away: close both
    }
    for (const c of [from, to]) {
      if (open.delete(c)) c.close();
    }
  }

  return {
    socket,
    requests,
    async close() {
      listener.close();
      for (const c of open) c.close();
      open.clear();
      await serve.catch(() => {});
      await Promise.allSettled(pipes);
    },
  };
}
