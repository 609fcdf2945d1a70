import assert from "node:assert/strict";
import { err, ok } from "../../../../shared/result.ts";
import { helperFailure, helperOutput, tailText } from "../../../../mcp/toolkit/helper_failure.ts";

const PODMAN_RUN = "podman run --name media_web_1 -e API_TOKEN=tok-1 --env DB_PASSWORD=pw-2 -e TZ=UTC img";

Deno.test("helperOutput() redacts the output of a failed op in its message", () => {
  const r = helperOutput(
    "run stack_up",
    ok({ ok: false, output: `${PODMAN_RUN}\nError: exit 125\n`, exit_code: 1 }),
  );
  assert.equal(r.ok, false);
  const message = r.ok ? "" : r.error.message;
  assert.ok(!message.includes("tok-1") && !message.includes("pw-2"), message);
  assert.match(message, /-e API_TOKEN=\[REDACTED\] --env DB_PASSWORD=\[REDACTED\] -e TZ=UTC/);
});

Deno.test("tailText() redacts before cutting, so a value is never left without its name", () => {
  const text = `${"x".repeat(50)}\n--env SECRET_KEY=abcdefghij`;
  const cut = tailText(text, 20);
  assert.ok(!cut.includes("abcdefghij"), cut);
  assert.ok(cut.endsWith("[REDACTED]"));
  assert.equal(tailText("plain"), "plain");
});

Deno.test("helperFailure() redacts the helper client's message", () => {
  const f = helperFailure({ kind: "http", message: "arr-helper said: --env=API_KEY=k-3" });
  assert.equal(f.kind, "helper_http");
  assert.equal(f.message, "arr-helper said: --env=API_KEY=[REDACTED]");
  assert.equal(helperOutput("x", err({ kind: "unavailable", message: "no socket" })).ok, false);
});
