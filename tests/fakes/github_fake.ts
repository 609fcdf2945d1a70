/**
 * A stateful fake of GitHub's Releases REST API (docs.github.com/rest/releases/releases, shapes in
 * /work/shared/notes/registries.md §3): `GET /repos/{owner}/{repo}/releases/tags/{tag}` answers the release
 * object or 404 `{"message":"Not Found"}`; an optional token must match (else 401 "Bad credentials"); a rate
 * limit counts down and then answers 403 with `x-ratelimit-remaining: 0` and `x-ratelimit-reset`.
 */
import { json, type LoopbackServer, serveLoopback } from "./serve.ts";

export interface FakeRelease {
  tag_name: string;
  name?: string;
  body: string;
  prerelease?: boolean;
}

export interface GithubFake extends LoopbackServer {
  /** "owner/repo" → its releases */
  releases: Map<string, FakeRelease[]>;
  /** Requests seen, as `METHOD path`, with the Authorization header's presence. */
  requests: Array<{ path: string; authorized: boolean }>;
  /** Requests left before the rate limit answers 403. @default Infinity */
  remaining: number;
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  token: string | null;
}

export function startGithubFake(): GithubFake {
  const fake = {} as GithubFake;
  const server = serveLoopback((req) => {
    const url = new URL(req.url);
    const auth = req.headers.get("authorization");
    fake.requests.push({ path: url.pathname, authorized: auth !== null });
    if (fake.token !== null && auth !== null && auth !== `Bearer ${fake.token}`) {
      return json({ message: "Bad credentials", documentation_url: "https://docs.github.com/rest" }, 401);
    }
    if (fake.remaining <= 0) {
      return json({ message: "API rate limit exceeded" }, 403, {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      });
    }
    fake.remaining--;
    const m = /^\/repos\/([^/]+\/[^/]+)\/releases\/tags\/([^/]+)$/.exec(url.pathname);
    const release = m &&
      fake.releases.get(m[1] ?? "")?.find((r) => r.tag_name === decodeURIComponent(m[2] ?? ""));
    if (!release) {
      return json({ message: "Not Found", documentation_url: "https://docs.github.com/rest" }, 404);
    }
    const id = 1000 + (fake.releases.get(m?.[1] ?? "")?.indexOf(release) ?? 0);
    return json(
      {
        id,
        tag_name: release.tag_name,
        name: release.name ?? release.tag_name,
        body: release.body,
        draft: false,
        prerelease: release.prerelease ?? false,
        created_at: "2026-11-01T10:00:00Z",
        published_at: "2026-11-01T10:05:00Z",
        html_url: `https://github.com/${m?.[1]}/releases/tag/${release.tag_name}`,
        author: { login: "ci" },
        assets: [],
      },
      200,
      { "x-ratelimit-remaining": String(fake.remaining) },
    );
  });
  return Object.assign(fake, server, {
    releases: new Map<string, FakeRelease[]>(),
    requests: [],
    remaining: Infinity,
    token: null,
  });
}
