/** A fetch that talks HTTP/1.1 over a Unix socket (Deno.createHttpClient with a unix proxy transport). */
import type { FetchLike } from "./tools/deps.ts";

export interface UnixFetch {
  fetch: FetchLike;
  close(): void;
}

export function unixSocketFetch(path: string): UnixFetch {
  const client = Deno.createHttpClient({ proxy: { transport: "unix", path } });
  return {
    fetch: (input, init) => fetch(input, { ...init, client }),
    close: () => client.close(),
  };
}

export async function socketExists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isSocket === true;
  } catch {
    return false;
  }
}
