/** A fetch that talks HTTP/1.1 over a Unix socket (see http1_unix.ts for why it is not Deno's proxy client). */
import { unixHttpFetch } from "./http1_unix.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";

export interface UnixFetch {
  fetch: FetchLike;
  close(): void;
}

export function unixSocketFetch(path: string): UnixFetch {
  return { fetch: unixHttpFetch(path), close: () => {} };
}

export async function socketExists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isSocket === true;
  } catch {
    return false;
  }
}
