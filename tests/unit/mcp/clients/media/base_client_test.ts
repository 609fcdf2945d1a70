import { z } from "zod";
import { BaseServiceClient } from "../../../../../mcp/clients/media/base_client.ts";
import { json, serveLoopback, text } from "../../../../fakes/serve.ts";
import { assert, assertEquals, assertErr, assertOk } from "./_result_assert.ts";

const schema = z.object({ version: z.string() });

function client(baseUrl: string, extra: Partial<ConstructorParameters<typeof BaseServiceClient>[0]> = {}) {
  const sleeps: number[] = [];
  const c = new BaseServiceClient({
    service: "sonarr",
    baseUrl,
    fetch,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...extra,
  });
  return { c, sleeps };
}

function closedPortUrl(): string {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return `http://127.0.0.1:${port}`;
}

Deno.test("BaseServiceClient.json() decodes and validates a 2xx JSON body", async () => {
  await using server = serveLoopback(() => json({ version: "4.0.19", extra: true }));
  const result = await client(server.url).c.json({ path: "/api/v3/system/status" }, schema);
  assertOk(result);
  assertEquals(result.value.version, "4.0.19");
});

Deno.test("BaseServiceClient reports a refused connection as unreachable after retrying GETs", async () => {
  const { c, sleeps } = client(closedPortUrl(), { retries: 2, backoffMs: 100 });
  const result = await c.json({ path: "/x", query: { apikey: "supersecretkey" } }, schema);
  assertErr(result);
  assertEquals(result.error.kind, "unreachable");
  assertEquals(result.error.service, "sonarr");
  assertEquals(sleeps, [100, 200]);
  assert(!result.error.message.includes("supersecretkey"), result.error.message);
});

Deno.test("BaseServiceClient does not retry a POST", async () => {
  const { c, sleeps } = client(closedPortUrl(), { retries: 3 });
  const result = await c.empty({ method: "POST", path: "/api/v3/command", json: { name: "x" } });
  assertErr(result);
  assertEquals(result.error.kind, "unreachable");
  assertEquals(sleeps, []);
});

Deno.test("BaseServiceClient reports a slow server as a timeout", async () => {
  const gate = Promise.withResolvers<void>();
  await using server = serveLoopback(async () => {
    await gate.promise;
    return json({ version: "1" });
  });
  const { c } = client(server.url, { timeoutMs: 50, retries: 0 });
  const result = await c.json({ path: "/slow" }, schema);
  gate.resolve();
  assertErr(result);
  assertEquals(result.error.kind, "timeout");
  assert(result.error.message.includes("50 ms"));
});

Deno.test("BaseServiceClient maps 401 and 403 to auth, other statuses to http", async (t) => {
  await using server = serveLoopback((request) => {
    const status = Number(new URL(request.url).pathname.slice(1));
    return text(status === 500 ? "boom" : "", status);
  });
  for (const [status, kind] of [[401, "auth"], [403, "auth"], [404, "http"], [500, "http"]] as const) {
    await t.step(`${status} → ${kind}`, async () => {
      const result = await client(server.url, { retries: 0 }).c.json({ path: `/${status}` }, schema);
      assertErr(result);
      assertEquals(result.error.kind, kind);
      assertEquals(result.error.status, status);
    });
  }
});

Deno.test("BaseServiceClient retries 503 for GETs and then succeeds", async () => {
  let calls = 0;
  await using server = serveLoopback(() => ++calls < 3 ? text("busy", 503) : json({ version: "2" }));
  const { c, sleeps } = client(server.url, { retries: 2, backoffMs: 10 });
  const result = await c.json({ path: "/x" }, schema);
  assertOk(result);
  assertEquals(calls, 3);
  assertEquals(sleeps, [10, 20]);
});

Deno.test("BaseServiceClient reports malformed JSON and schema mismatches as decode errors", async (t) => {
  await using server = serveLoopback((request) =>
    new URL(request.url).pathname === "/bad" ? text("{not json", 200) : json({ version: 42 })
  );
  await t.step("not JSON", async () => {
    const result = await client(server.url).c.json({ path: "/bad" }, schema);
    assertErr(result);
    assertEquals(result.error.kind, "decode");
    assert(result.error.message.includes("not JSON"));
  });
  await t.step("wrong type names the field", async () => {
    const result = await client(server.url).c.json({ path: "/typed" }, schema);
    assertErr(result);
    assertEquals(result.error.kind, "decode");
    assert(result.error.message.includes('field "version"'), result.error.message);
  });
});

Deno.test("BaseServiceClient caps huge bodies, with and without Content-Length", async (t) => {
  const big = "x".repeat(200_000);
  await using server = serveLoopback((request) => {
    if (new URL(request.url).pathname === "/declared") return text(big);
    const chunks = 50;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        if (--(controller as unknown as { n: number }).n <= 0) controller.close();
      },
      start(controller) {
        (controller as unknown as { n: number }).n = chunks;
      },
    });
    return new Response(stream);
  });
  for (const path of ["/declared", "/streamed"]) {
    await t.step(path, async () => {
      const result = await client(server.url, { maxBodyBytes: 100_000 }).c.json({ path }, schema);
      assertErr(result);
      assertEquals(result.error.kind, "decode");
      assert(result.error.message.includes("exceeds 100000 bytes"));
    });
  }
});

Deno.test("BaseServiceClient keeps at most maxConcurrency requests in flight", async () => {
  let inFlight = 0;
  let peak = 0;
  await using server = serveLoopback(async () => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, 20));
    inFlight--;
    return json({ version: "1" });
  });
  const { c } = client(server.url, { maxConcurrency: 2 });
  const results = await Promise.all(Array.from({ length: 8 }, () => c.json({ path: "/x" }, schema)));
  assert(results.every((r) => r.ok));
  assertEquals(peak, 2);
});

Deno.test("BaseServiceClient redacts secrets from logs and error bodies", async () => {
  await using server = serveLoopback(() => text("bad key SECRETKEY123 in X-Api-Key: SECRETKEY123", 500));
  const lines: string[] = [];
  const { c } = client(server.url, {
    retries: 0,
    headers: { "X-Api-Key": "SECRETKEY123" },
    secrets: ["SECRETKEY123"],
    log: (line) => lines.push(line),
  });
  const result = await c.json(
    { path: "/x", query: { apikey: "SECRETKEY123", "X-Plex-Token": "tok-abcdef" } },
    schema,
  );
  assertErr(result);
  const everything = [result.error.message, ...lines].join("\n");
  assert(!everything.includes("SECRETKEY123"), everything);
  assert(!everything.includes("tok-abcdef"), everything);
  assert(lines.length === 1 && lines[0]!.includes("-> 500"), lines.join("\n"));
});

Deno.test("BaseServiceClient rejects an invalid base URL at construction", () => {
  for (const baseUrl of ["not a url", "ftp://host/x"]) {
    let message = "";
    try {
      new BaseServiceClient({ service: "radarr", baseUrl, fetch });
    } catch (e) {
      message = (e as Error).message;
    }
    assert(message.startsWith("Cannot create radarr client"), message);
  }
});
