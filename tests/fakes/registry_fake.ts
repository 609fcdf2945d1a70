/**
 * A stateful fake of the Docker Registry HTTP API v2 (OCI distribution spec) as public registries such as
 * ghcr.io answer it: every /v2 call without a token gets 401 with a Bearer challenge, `/token` hands out an
 * anonymous token, tags/list pages with `n`/`last` and a `Link: <…>; rel="next"` header, and manifests answer
 * HEAD with `Docker-Content-Digest` when the Accept list names the stored media type. Counts calls; can be told
 * to answer 429.
 */
import { json, type LoopbackServer, serveLoopback } from "./serve.ts";

export interface RegistryFake extends LoopbackServer {
  /** repository → tag → digest */
  repos: Map<string, Map<string, string>>;
  calls: { token: number; tags: number; manifests: number };
  /** The next N /v2 requests answer 429 with this Retry-After. */
  throttle(count: number, retryAfter: string): void;
  /** Drop the Docker-Content-Digest header on HEAD (the client must hash a GET). */
  omitDigestHeader: boolean;
  /** The most tags a page holds, whatever `n` asks (registries may cap it). @default 10 */
  pageSize: number;
}

const INDEX_TYPE = "application/vnd.oci.image.index.v1+json";

export function manifestBody(digest: string): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: INDEX_TYPE,
    manifests: [],
    annotations: { d: digest },
  });
}

export function startRegistryFake(): RegistryFake {
  const repos = new Map<string, Map<string, string>>();
  const calls = { token: 0, tags: 0, manifests: 0 };
  const issued = new Set<string>();
  let throttled = 0;
  let retryAfter = "1";
  const fake = {} as RegistryFake;
  const server = serveLoopback((req) => {
    const url = new URL(req.url);
    if (url.pathname === "/token") {
      calls.token++;
      const scope = url.searchParams.get("scope") ?? "";
      if (url.searchParams.get("service") !== "fake-registry" || !/^repository:[\w/.-]+:pull$/.test(scope)) {
        return json({ errors: [{ code: "DENIED" }] }, 400);
      }
      const token = `t${crypto.randomUUID()}`;
      issued.add(`${token} ${scope}`);
      return json({ token });
    }
    if (!url.pathname.startsWith("/v2/")) return json({}, 404);
    if (throttled > 0) {
      throttled--;
      return json({ errors: [{ code: "TOOMANYREQUESTS" }] }, 429, { "retry-after": retryAfter });
    }
    const m = /^\/v2\/(.+)\/(tags\/list|manifests\/([^/]+))$/.exec(url.pathname);
    if (m === null) return json({ errors: [{ code: "NAME_UNKNOWN" }] }, 404);
    const name = m[1] ?? "";
    const auth = req.headers.get("authorization") ?? "";
    if (!issued.has(`${auth.replace(/^Bearer /, "")} repository:${name}:pull`)) {
      return json({ errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }, 401, {
        "www-authenticate":
          `Bearer realm="${fake.url}/token",service="fake-registry",scope="repository:${name}:pull"`,
      });
    }
    const repo = repos.get(name);
    if (repo === undefined) return json({ errors: [{ code: "NAME_UNKNOWN" }] }, 404);
    if (m[2] === "tags/list") {
      calls.tags++;
      const n = Math.min(Number(url.searchParams.get("n") ?? "100"), fake.pageSize);
      const last = url.searchParams.get("last");
      const sorted = [...repo.keys()].sort();
      const after = last === null ? sorted : sorted.filter((t) => t > last);
      const page = after.slice(0, n);
      const headers: Record<string, string> = {};
      if (after.length > n) {
        headers.link = `</v2/${name}/tags/list?n=${n}&last=${
          encodeURIComponent(page.at(-1) ?? "")
        }>; rel="next"`;
      }
      return json({ name, tags: page }, 200, headers);
    }
    calls.manifests++;
    const digest = repo.get(decodeURIComponent(m[3] ?? ""));
    if (digest === undefined) return json({ errors: [{ code: "MANIFEST_UNKNOWN" }] }, 404);
    if (!(req.headers.get("accept") ?? "").includes(INDEX_TYPE)) {
      return json({ errors: [{ code: "MANIFEST_UNKNOWN", message: "no acceptable manifest" }] }, 404);
    }
    const body = manifestBody(digest);
    const headers: Record<string, string> = { "content-type": INDEX_TYPE };
    if (!fake.omitDigestHeader) headers["docker-content-digest"] = digest;
    return new Response(req.method === "HEAD" ? null : body, { status: 200, headers });
  });
  return Object.assign(fake, server, {
    repos,
    calls,
    omitDigestHeader: false,
    pageSize: 10,
    throttle(count: number, after: string) {
      throttled = count;
      retryAfter = after;
    },
  });
}
