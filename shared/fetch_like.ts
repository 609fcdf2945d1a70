/** The shape of the global `fetch`, so a Unix-socket fetch, a local server or a recorded fake can be plugged in. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
