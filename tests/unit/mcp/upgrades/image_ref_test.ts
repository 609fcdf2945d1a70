import assert from "node:assert/strict";
import { parseImageRef, registryEndpoint } from "../../../../mcp/upgrades/image_ref.ts";
import {
  nextLink,
  parseBearerChallenge,
  retryAfterSeconds,
} from "../../../../mcp/upgrades/registry/challenge.ts";

const D = `sha256:${"a".repeat(64)}`;
/** [reference, registry, repository, tag, digest] */
const REFS: Array<[string, string, string, string, string | null]> = [
  ["nginx", "docker.io", "library/nginx", "latest", null],
  ["nginx:1.25-alpine", "docker.io", "library/nginx", "1.25-alpine", null],
  ["linuxserver/sonarr:4.0.14.2939-ls278", "docker.io", "linuxserver/sonarr", "4.0.14.2939-ls278", null],
  ["lscr.io/linuxserver/sonarr:latest", "lscr.io", "linuxserver/sonarr", "latest", null],
  ["ghcr.io/hotio/radarr:release", "ghcr.io", "hotio/radarr", "release", null],
  ["127.0.0.1:5000/arr/busybox:v1", "127.0.0.1:5000", "arr/busybox", "v1", null],
  ["localhost/busybox:test", "localhost", "busybox", "test", null],
  [`docker.io/library/alpine:3.19@${D}`, "docker.io", "library/alpine", "3.19", D],
];

Deno.test("parseImageRef() normalises registries, short names and tags", async (t) => {
  for (const [ref, registry, repository, tag, digest] of REFS) {
    await t.step(ref, () => {
      const got = parseImageRef(ref);
      assert.deepEqual(got && [got.registry, got.repository, got.tag, got.digest], [
        registry,
        repository,
        tag,
        digest,
      ]);
    });
  }
  for (const bad of ["", "nginx/UPPER", "a@sha256:xyz", "a:b:c/d", "nginx:-bad"]) {
    assert.equal(parseImageRef(bad), null, bad);
  }
});

Deno.test("registryEndpoint() maps docker.io and lscr.io and honours insecure hosts", () => {
  assert.equal(registryEndpoint("docker.io", []), "https://registry-1.docker.io");
  assert.equal(registryEndpoint("lscr.io", []), "https://ghcr.io");
  assert.equal(registryEndpoint("127.0.0.1:5000", ["127.0.0.1:5000"]), "http://127.0.0.1:5000");
  assert.equal(registryEndpoint("127.0.0.1:5000", []), "https://127.0.0.1:5000");
});

Deno.test("parseBearerChallenge() reads realm, service and scope", () => {
  assert.deepEqual(
    parseBearerChallenge(
      'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:linuxserver/sonarr:pull"',
    ),
    { realm: "https://ghcr.io/token", service: "ghcr.io", scope: "repository:linuxserver/sonarr:pull" },
  );
  assert.deepEqual(parseBearerChallenge('bearer realm="http://h/t"'), {
    realm: "http://h/t",
    service: null,
    scope: null,
  });
  assert.equal(parseBearerChallenge('Basic realm="Registry"'), null);
  assert.equal(parseBearerChallenge(null), null);
  assert.equal(parseBearerChallenge("Bearer service=x"), null);
});

Deno.test("nextLink() and retryAfterSeconds()", () => {
  assert.equal(
    nextLink('</v2/a/tags/list?last=b&n=2>; rel="next"', "http://h:1/v2/a/tags/list?n=2"),
    "http://h:1/v2/a/tags/list?last=b&n=2",
  );
  assert.equal(nextLink('<http://x/1>; rel="prev"', "http://h/"), null);
  assert.equal(nextLink(null, "http://h/"), null);
  assert.equal(retryAfterSeconds("30", 0), 30);
  assert.equal(retryAfterSeconds(new Date(10_000).toUTCString(), 0), 10);
  assert.equal(retryAfterSeconds("soon", 0), null);
});
