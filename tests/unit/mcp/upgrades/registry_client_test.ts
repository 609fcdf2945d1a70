import assert from "node:assert/strict";
import { manifestBody, startRegistryFake } from "../../../fakes/registry_fake.ts";
import { createRegistryClient } from "../../../../mcp/upgrades/registry/registry_client.ts";
import { parseImageRef } from "../../../../mcp/upgrades/image_ref.ts";
import { sha256Hex } from "../../../../shared/encoding.ts";

const digest = (c: string) => `sha256:${c.repeat(64)}`;

function setup() {
  const fake = startRegistryFake();
  const host = new URL(fake.url).host;
  const tags = new Map<string, string>();
  for (let i = 0; i < 25; i++) tags.set(`4.0.${i}.100-ls${200 + i}`, digest((i % 10).toString()));
  tags.set("latest", digest("f"));
  fake.repos.set("linuxserver/sonarr", tags);
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => now += ms };
  const client = createRegistryClient({ fetch, clock, insecure: [host], ttlMs: 60_000 });
  const ref = parseImageRef(`${host}/linuxserver/sonarr:4.0.3.100-ls203`)!;
  return { fake, client, ref, clock, tags };
}

Deno.test("registry client: challenge, token, every page of tags/list, then the cache", async () => {
  const { fake, client, ref, clock } = setup();
  await using _ = fake;
  const r = await client.tags(ref);
  assert.ok(r.ok, JSON.stringify(r));
  const tags = r.value;
  assert.equal(tags.length, 26);
  assert.equal(fake.calls.tags, 3, "26 tags in pages of 10 (the challenge is not counted)");
  assert.ok(tags.includes("4.0.24.100-ls224") && tags.includes("latest"));
  assert.equal(fake.calls.token, 1);
  const pages = fake.calls.tags;
  assert.ok((await client.tags(ref)).ok);
  assert.equal(fake.calls.tags, pages, "a second call within the TTL is served from the cache");
  clock.advance(61_000);
  assert.ok((await client.tags(ref)).ok);
  assert.ok(fake.calls.tags > pages, "after the TTL it asks again");
  assert.equal(fake.calls.token, 1, "the token is reused");
});

Deno.test("registry client: a manifest HEAD gives the tag's digest; a moved tag is seen after clear()", async () => {
  const { fake, client, ref, tags } = setup();
  await using _ = fake;
  const first = await client.digest(ref, "latest");
  assert.deepEqual(first, { ok: true, value: digest("f") });
  tags.set("latest", digest("e"));
  assert.deepEqual(await client.digest(ref, "latest"), { ok: true, value: digest("f") }, "cached");
  client.clear();
  assert.deepEqual(await client.digest(ref, "latest"), { ok: true, value: digest("e") });
  const missing = await client.digest(ref, "9.9.9");
  assert.equal(!missing.ok && missing.error.kind, "http");
  assert.equal(!missing.ok && missing.error.status, 404);
});

Deno.test("registry client: without Docker-Content-Digest it hashes the manifest", async () => {
  const { fake, client, ref } = setup();
  await using _ = fake;
  fake.omitDigestHeader = true;
  const got = await client.digest(ref, "latest");
  assert.deepEqual(got, { ok: true, value: `sha256:${sha256Hex(manifestBody(digest("f")))}` });
});

Deno.test("registry client: a 429 makes it back off without asking until Retry-After has passed", async () => {
  const { fake, client, ref, clock } = setup();
  await using _ = fake;
  fake.throttle(1, "120");
  const first = await client.tags(ref);
  assert.equal(!first.ok && first.error.status, 429);
  const before = fake.calls.tags + fake.calls.token;
  const blocked = await client.tags(ref);
  assert.equal(!blocked.ok && blocked.error.status, 429);
  assert.match(!blocked.ok ? blocked.error.message : "", /next try after/);
  clock.advance(121_000);
  const after = await client.tags(ref);
  assert.ok(after.ok);
  assert.ok(fake.calls.tags + fake.calls.token > before);
});

Deno.test("registry client: unreachable and unknown repositories are Results, not exceptions", async () => {
  const { fake, client } = setup();
  const host = new URL(fake.url).host;
  const unknown = await client.tags(parseImageRef(`${host}/nobody/here:1`)!);
  assert.equal(!unknown.ok && unknown.error.status, 404);
  await fake.close();
  const gone = await client.tags(parseImageRef(`${host}/linuxserver/sonarr:1`)!);
  assert.equal(!gone.ok && gone.error.kind, "unreachable");
});

Deno.test("registry client: a realm that is not http(s) is refused, and Docker Hub's access_token is taken", async () => {
  const seen: string[] = [];
  let realm = "file:///etc/passwd";
  const fakeFetch = (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    seen.push(url);
    if (url.startsWith("https://auth.example/token")) {
      return Promise.resolve(Response.json({ access_token: "hub-token", expires_in: 300 }));
    }
    if (seen.filter((u) => u.includes("/tags/list")).length > 1) {
      return Promise.resolve(Response.json({ name: "library/nginx", tags: ["1.27"] }));
    }
    return Promise.resolve(
      new Response("{}", {
        status: 401,
        headers: { "www-authenticate": `Bearer realm="${realm}",service="hub"` },
      }),
    );
  };
  const ref = parseImageRef("nginx:1.25")!;
  const refused = await createRegistryClient({ fetch: fakeFetch, clock: { now: () => 0 } }).tags(ref);
  assert.equal(!refused.ok && refused.error.kind, "auth");
  assert.match(!refused.ok ? refused.error.message : "", /not http\(s\)/);
  assert.ok(!seen.some((u) => u.startsWith("file:")));
  seen.length = 0;
  realm = "https://auth.example/token";
  const hub = await createRegistryClient({ fetch: fakeFetch, clock: { now: () => 0 } }).tags(ref);
  assert.deepEqual(hub, { ok: true, value: ["1.27"] });
  assert.equal(seen[0], "https://registry-1.docker.io/v2/library/nginx/tags/list?n=1000");
  assert.match(
    seen[1] ?? "",
    /^https:\/\/auth\.example\/token\?service=hub&scope=repository%3Alibrary%2Fnginx%3Apull$/,
  );
});
