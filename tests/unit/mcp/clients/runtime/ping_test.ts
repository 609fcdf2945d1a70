import assert from "node:assert/strict";
import fc from "fast-check";
import { ping, pingFacts } from "../../../../../mcp/clients/runtime/ping.ts";

Deno.test("pingFacts() reads kind and versions from Podman's and Docker's /_ping headers", () => {
  assert.deepEqual(
    pingFacts(
      new Headers({
        "Api-Version": "1.41",
        "Libpod-Api-Version": "4.3.1",
        "Server": "Libpod/4.3.1 (linux)",
      }),
    ),
    { kind: "podman", version: "4.3.1", apiVersion: "1.41" },
  );
  assert.deepEqual(
    pingFacts(new Headers({ "Api-Version": "1.46", "Server": "Docker/27.1.1 (linux)" })),
    { kind: "docker", version: "27.1.1", apiVersion: "1.46" },
  );
  // No Server header: Podman's libpod API version is its version.
  assert.deepEqual(pingFacts(new Headers({ "Libpod-Api-Version": "5.4.2" })), {
    kind: "podman",
    version: "5.4.2",
    apiVersion: "",
  });
  assert.deepEqual(pingFacts(new Headers()), { kind: "docker", version: "", apiVersion: "" });
});

Deno.test("pingFacts() never throws on arbitrary header values and reports only what they say", () => {
  fc.assert(fc.property(fc.string(), fc.string(), (server, api) => {
    const clean = (s: string) => s.replace(/[^\x21-\x7e ]/g, "").trim();
    const facts = pingFacts(new Headers({ Server: clean(server), "Api-Version": clean(api) }));
    assert.equal(facts.apiVersion, clean(api));
    assert.equal(facts.kind, "docker");
    assert.ok(facts.version === "" || clean(server).includes(facts.version));
  }));
});

Deno.test("ping() tries once more after a refused connection, not after an HTTP error", async () => {
  let calls = 0;
  const flaky = () => {
    calls++;
    return calls === 1
      ? Promise.reject(new TypeError("connection refused"))
      : Promise.resolve(new Response("OK", { headers: { "Libpod-Api-Version": "4.9.3" } }));
  };
  assert.deepEqual(await ping(flaky), {
    ok: true,
    value: { kind: "podman", version: "4.9.3", apiVersion: "" },
  });
  assert.equal(calls, 2);

  calls = 0;
  const failing = () => (calls++, Promise.resolve(new Response("no", { status: 500 })));
  assert.deepEqual(await ping(failing), {
    ok: false,
    error: { kind: "http", status: 500, message: "/_ping answered HTTP 500" },
  });
  assert.equal(calls, 1);

  calls = 0;
  const down = () => (calls++, Promise.reject(new TypeError("No such file or directory")));
  const gone = await ping(down, { retries: 1 });
  assert.deepEqual(gone, { ok: false, error: { kind: "unreachable", message: "No such file or directory" } });
  assert.equal(calls, 2);
});

Deno.test("ping() gives up after its timeout on a socket that accepts but never answers", async () => {
  let calls = 0;
  const stuck = (_: string | URL | Request, init?: RequestInit) =>
    new Promise<Response>((_, reject) => {
      calls++;
      init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
    });
  const answer = await ping(stuck, { timeoutMs: 20, retries: 1 });
  assert.deepEqual(answer, {
    ok: false,
    error: { kind: "timeout", message: "/_ping did not answer in 20 ms" },
  });
  assert.equal(calls, 2);
});
