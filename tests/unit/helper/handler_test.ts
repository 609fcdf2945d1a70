import assert from "node:assert/strict";
import { createHandler } from "../../../helper/handler.ts";
import { done, type Operation, rejected } from "../../../helper/outcome.ts";
import { HELPER_OPS, type HelperOp } from "../../../shared/helper_protocol.ts";
import { HELPER_MAX_BODY_BYTES } from "../../../shared/limits.ts";

function harness(op: Operation = () => Promise.resolve(done(true, "fine", 0))) {
  const audit: Array<Record<string, unknown>> = [];
  const calls: Array<[string, Record<string, unknown>]> = [];
  const operations = Object.fromEntries(
    HELPER_OPS.map((name) => [name, (args: Record<string, unknown>, trace: {
      seqStart: number | null;
      seqEnd: number | null;
    }) => {
      calls.push([name, args]);
      return op(args, trace);
    }]),
  ) as Record<HelperOp, Operation>;
  let clock = 0;
  const handle = createHandler({
    operations,
    audit: (line) => audit.push(JSON.parse(line)),
    now: () => new Date("2026-11-22T00:00:00Z"),
    elapsed: () => (clock += 5),
  });
  const post = (body: string | Uint8Array<ArrayBuffer>, path = "/command") =>
    handle(new Request(`http://helper${path}`, { method: "POST", body }));
  return { handle, post, audit, calls };
}

Deno.test("createHandler() answers 200 with ok, output and exit_code when the op ran", async () => {
  const h = harness(() => Promise.resolve(done(false, "it failed", 3)));
  const res = await h.post(JSON.stringify({ op: "stack_pull", args: { stack: "web" } }));
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ok: false, output: "it failed", exit_code: 3 });
  assert.deepEqual(h.calls, [["stack_pull", { stack: "web" }]]);
  assert.deepEqual(h.audit, [{
    time: "2026-11-22T00:00:00.000Z",
    op: "stack_pull",
    args: { stack: "web" },
    outcome: "failed",
    exit_code: 3,
    duration_ms: 5,
    seq_start: null,
    seq_end: null,
  }]);
});

Deno.test("createHandler() defaults missing args to an empty object", async () => {
  const h = harness();
  const res = await h.post('{"op":"info"}');
  assert.equal(res.status, 200);
  assert.deepEqual(h.calls, [["info", {}]]);
});

Deno.test("createHandler() answers 404 to any other path or method", async (t) => {
  const h = harness();
  for (
    const [method, path] of [["GET", "/command"], ["POST", "/"], ["POST", "/command/x"], [
      "PUT",
      "/command",
    ]] as const
  ) {
    await t.step(`${method} ${path}`, async () => {
      const res = await h.handle(
        new Request(`http://helper${path}`, { method, body: method === "GET" ? null : "{}" }),
      );
      assert.equal(res.status, 404);
      const body = await res.json();
      assert.equal(body.ok, false);
      assert.equal(body.exit_code, 1);
    });
  }
  assert.deepEqual(h.calls, []);
});

Deno.test("createHandler() answers 413 to a body over 128 KiB, by length header or by stream", async () => {
  const h = harness();
  const big = JSON.stringify({ op: "info", args: { pad: "x".repeat(HELPER_MAX_BODY_BYTES) } });
  const res = await h.post(big);
  assert.equal(res.status, 413);
  assert.deepEqual(await res.json(), {
    ok: false,
    error: "Request body is larger than 131072 bytes",
    exit_code: 1,
  });
  const chunk = new Uint8Array(64 * 1024).fill(32);
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < 3; i++) c.enqueue(chunk);
      c.close();
    },
  });
  const streamed = await h.handle(new Request("http://helper/command", { method: "POST", body: stream }));
  assert.equal(streamed.status, 413);
  assert.deepEqual(h.calls, []);
});

Deno.test("createHandler() accepts a body of exactly 128 KiB", async () => {
  const h = harness();
  const head = '{"op":"info","args":{},"pad":"';
  const body = `${head}${"x".repeat(HELPER_MAX_BODY_BYTES - head.length - 2)}"}`;
  assert.equal(body.length, HELPER_MAX_BODY_BYTES);
  assert.equal((await h.post(body)).status, 200);
});

Deno.test("createHandler() answers 400 with a clear error to malformed requests", async (t) => {
  const cases: Array<[string | Uint8Array<ArrayBuffer>, RegExp]> = [
    ["{not json", /^Cannot parse request body: /],
    ["", /^Cannot parse request body: /],
    [new Uint8Array([0x7b, 0xff, 0x7d]), /^Cannot read request body: it is not valid UTF-8$/],
    ["[]", /^Invalid request: "body": /],
    ['{"args":{}}', /^Invalid request: "op": /],
    ['{"op":7}', /^Invalid request: "op": /],
    ['{"op":"stack_up","args":["web"]}', /^Invalid request: "args": /],
    ['{"op":"rm -rf /"}', /^Unknown op "rm -rf \/": expected one of stack_up, /],
    ['{"op":"stack_up","args":{"stack":"web","shell":"sh"}}', /^Unknown argument "shell" for op "stack_up"/],
  ];
  for (const [body, error] of cases) {
    await t.step(String(body).slice(0, 40), async () => {
      const h = harness();
      const res = await h.post(body);
      assert.equal(res.status, 400);
      const json = await res.json();
      assert.equal(json.ok, false);
      assert.equal(json.exit_code, 1);
      assert.match(json.error, error);
      assert.deepEqual(h.calls, []);
      assert.equal(h.audit[0]?.outcome, "rejected");
    });
  }
});

Deno.test("createHandler() answers 400 when the op rejects an argument", async () => {
  const h = harness(() => Promise.resolve(rejected('Invalid argument "stack": value is missing')));
  const res = await h.post('{"op":"stack_up"}');
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), {
    ok: false,
    error: 'Invalid argument "stack": value is missing',
    exit_code: 1,
  });
});

Deno.test("createHandler() answers 500 without crashing when an op throws", async () => {
  const h = harness(() => Promise.reject(new Error("disk on fire")));
  const res = await h.post('{"op":"quadlet_list"}');
  assert.equal(res.status, 500);
  assert.deepEqual(await res.json(), {
    ok: false,
    error: 'Internal error in "quadlet_list": disk on fire',
    exit_code: 1,
  });
  assert.equal(h.audit[0]?.outcome, "error");
});
