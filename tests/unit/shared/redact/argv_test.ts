import assert from "node:assert/strict";
import { redactArgv } from "../../../../shared/redact/mod.ts";

Deno.test("redactArgv() masks the word after a secret-named flag, secret settings and known secrets", () => {
  assert.deepEqual(
    redactArgv(["app", "--password", "hunter2", "--api-key=k1", "--port", "80", "TOKEN=t", "key-77x"], [
      "key-77x",
    ]),
    [
      "app",
      "--password",
      "[REDACTED]",
      "--api-key=[REDACTED]",
      "--port",
      "80",
      "TOKEN=[REDACTED]",
      "[REDACTED]",
    ],
  );
});

Deno.test("redactArgv() keeps the words after a flag that only has a value of its own", () => {
  assert.deepEqual(redactArgv(["--token=x", "next"]), ["--token=[REDACTED]", "next"]);
});
