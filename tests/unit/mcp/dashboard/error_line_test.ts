import assert from "node:assert/strict";
import { ERROR_LINE_MAX_CHARS, lastErrorLine } from "../../../../mcp/dashboard/error_line.ts";
import { containerProblemText } from "../../../../mcp/dashboard/problems.ts";

Deno.test("lastErrorLine() prefers the last error-looking line, then stderr, then the last line", () => {
  assert.equal(
    lastErrorLine([
      { stream: "stdout", text: "[Fatal] Cannot open database" },
      { stream: "stdout", text: "Shutting down" },
      { stream: "stderr", text: "bye" },
    ]),
    "[Fatal] Cannot open database",
  );
  assert.equal(
    lastErrorLine([{ stream: "stderr", text: "warn: x" }, { stream: "stdout", text: "done" }]),
    "warn: x",
  );
  assert.equal(lastErrorLine([{ stream: "stdout", text: "done" }, { stream: "stdout", text: "  " }]), "done");
  assert.equal(lastErrorLine([]), null);
  assert.equal(
    lastErrorLine([{ stream: "stdout", text: "error " + "x".repeat(999) }])?.length,
    ERROR_LINE_MAX_CHARS + 1,
  );
});

Deno.test("containerProblemText() says exit code, age and error line of a stopped container", () => {
  const now = Date.parse("2026-11-22T04:00:00Z");
  const c = {
    name: "a",
    problem: "exited",
    exit_code: 1,
    finished_at: "2026-11-22T03:55:00Z",
    error_line: "boom",
  };
  assert.equal(containerProblemText(c, now), "exited (1) 5m ago: boom");
  assert.equal(containerProblemText({ ...c, error_line: null }, null), "exited (1)");
  assert.equal(containerProblemText({ name: "b", problem: "unhealthy", exit_code: 0 }, now), "unhealthy");
});
