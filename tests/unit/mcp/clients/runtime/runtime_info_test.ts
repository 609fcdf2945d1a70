import assert from "node:assert/strict";
import { createHttpRuntime } from "../../../../../mcp/clients/runtime/http_runtime.ts";
import {
  createInfoReader,
  ROOTLESS_RETRY_MS,
  rootlessFromInfo,
  VERSION_TTL_MS,
} from "../../../../../mcp/clients/runtime/runtime_info.ts";
import { unixSocketFetch } from "../../../../../mcp/clients/unix/unix_fetch.ts";
import { err, ok } from "../../../../../shared/result.ts";

Deno.test("rootlessFromInfo() reads libpod's host.security.rootless and Docker's SecurityOptions", () => {
  const table: Array<[Parameters<typeof rootlessFromInfo>, boolean | null]> = [
    [["podman", { host: { security: { rootless: true } } }], true],
    [["podman", { host: { security: { rootless: false } } }], false],
    [["podman", { host: {} }], null],
    [["podman", "text"], null],
    [["docker", { SecurityOptions: ["name=seccomp,profile=builtin", "name=rootless"] }], true],
    [["docker", { SecurityOptions: ["name=seccomp,profile=builtin"] }], false],
    [["docker", {}], null],
  ];
  for (const [args, expected] of table) {
    assert.equal(rootlessFromInfo(...args), expected, JSON.stringify(args));
  }
});

/** A fake Podman socket API counting its /_ping and /info calls (headers as Podman 4.3.1 sends them). */
function fakeApi(options: { infoFails?: boolean } = {}) {
  const calls = { ping: 0, info: 0 };
  let version = "4.3.1";
  const fetch = (input: string | URL | Request) => {
    const path = new URL(input instanceof Request ? input.url : input).pathname;
    if (path === "/_ping") {
      calls.ping++;
      return Promise.resolve(
        new Response("OK", {
          headers: {
            "Api-Version": "1.41",
            "Libpod-Api-Version": version,
            Server: `Libpod/${version} (linux)`,
          },
        }),
      );
    }
    if (path === "/v4.0.0/libpod/info") {
      calls.info++;
      return Promise.resolve(
        options.infoFails
          ? new Response("busy", { status: 500 })
          : Response.json({ host: { security: { rootless: true } } }),
      );
    }
    return Promise.resolve(new Response("not found", { status: 404 }));
  };
  return { fetch, calls, upgrade: (v: string) => (version = v) };
}

Deno.test("info() takes versions from /_ping, reads /info once, and asks /_ping again after the TTL", async () => {
  const api = fakeApi();
  let now = 1_000_000;
  const rt = createHttpRuntime({ kind: "podman", fetch: api.fetch, socket: "/x", clock: { now: () => now } });
  const expected = { kind: "podman", version: "4.3.1", apiVersion: "1.41", rootless: true };
  assert.deepEqual(await rt.info(), ok(expected));
  assert.deepEqual(await Promise.all([rt.info(), rt.info()]), [ok(expected), ok(expected)]);
  assert.deepEqual(api.calls, { ping: 1, info: 1 });

  api.upgrade("4.9.3");
  now += VERSION_TTL_MS - 1;
  assert.equal((await rt.info()).ok && (await rt.info()).ok, true);
  assert.deepEqual(api.calls, { ping: 1, info: 1 });
  now += 1;
  assert.deepEqual(await rt.info(), ok({ ...expected, version: "4.9.3" }));
  assert.deepEqual(api.calls, { ping: 2, info: 1 });
});

Deno.test("info() answers with rootless unknown when /info fails, and asks /info again only after a while", async () => {
  const api = fakeApi({ infoFails: true });
  let now = 5_000;
  const read = createInfoReader({
    kind: "podman",
    fetch: api.fetch,
    clock: { now: () => now },
    readInfo: async () => {
      const res = await api.fetch("http://runtime/v4.0.0/libpod/info");
      return res.ok
        ? ok(await res.json())
        : err({ kind: "http" as const, status: res.status, message: "busy" });
    },
  });
  const first = await read();
  assert.deepEqual(first, ok({ kind: "podman", version: "4.3.1", apiVersion: "1.41", rootless: null }));
  now += VERSION_TTL_MS;
  await read();
  assert.equal(api.calls.info, 1);
  now += ROOTLESS_RETRY_MS;
  await read();
  assert.equal(api.calls.info, 2);
});

Deno.test("info() over a real Unix socket reports an unreachable runtime as an error and caches nothing", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/podman.sock`;
  const rt = createHttpRuntime({ kind: "podman", fetch: unixSocketFetch(path).fetch, socket: path });
  const down = await rt.info();
  assert.equal(!down.ok && down.error.kind, "unreachable");
  let pings = 0;
  const server = Deno.serve({ path, onListen: () => {} }, (req) => {
    if (new URL(req.url).pathname === "/_ping") {
      pings++;
      return new Response("OK", { headers: { "Libpod-Api-Version": "5.4.2", "Api-Version": "1.41" } });
    }
    return Response.json({ host: { security: { rootless: false } } });
  });
  try {
    assert.deepEqual(
      await rt.info(),
      ok({ kind: "podman", version: "5.4.2", apiVersion: "1.41", rootless: false }),
    );
    assert.equal(pings, 1);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
