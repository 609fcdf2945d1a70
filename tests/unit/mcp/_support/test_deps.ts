/**
 * ToolDeps for unit tests of any tool family: real confirm tokens and an in-memory SQLite audit log,
 * a settable clock, no runtime socket, a helper socket that does not exist, and the real file layer acting for
 * this process's uid (no temp journal). Override what a test needs, e.g. `fs` with a faulted layer.
 */
import { openAuditLog } from "../../../../mcp/core/audit.ts";
import { type Config, parseConfig } from "../../../../mcp/core/config.ts";
import { createConfirmTokens } from "../../../../mcp/core/confirm.ts";
import { createHelperClient } from "../../../../mcp/clients/helper/helper_client.ts";
import { unavailableRuntime } from "../../../../mcp/clients/runtime/unavailable.ts";
import type { ToolDeps } from "../../../../mcp/toolkit/deps.ts";
import { socketExists } from "../../../../mcp/clients/unix/unix_fetch.ts";
import { createFileLayer } from "../../../../mcp/fs/file_layer.ts";

export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export function testClock(start = Date.UTC(2026, 10, 22, 4, 0, 0)): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const parsed = parseConfig({ ARR_DATA_DIR: "/nonexistent/arr-mcp-test" }, {
    uid: 1000,
    home: "/home/test",
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return { ...parsed.value, apiKey: "test-key-0123456789abcdef", ...overrides };
}

export function testDeps(overrides: Partial<ToolDeps> = {}): ToolDeps & { clock: TestClock } {
  const clock = testClock();
  const fetchFail = () => Promise.reject(new Error("fetch is not available in this test"));
  return {
    config: testConfig(),
    runtime: unavailableRuntime(),
    helper: createHelperClient({
      socket: "/nonexistent/arr-helper.sock",
      fetch: fetchFail,
      socketExists,
    }),
    confirm: createConfirmTokens({ clock, secret: crypto.getRandomValues(new Uint8Array(32)) }),
    audit: openAuditLog(":memory:", { clock }),
    fetch: fetchFail,
    fs: createFileLayer({ uid: Deno.uid() ?? 0, clock: overrides.clock ?? clock }),
    ...overrides,
    clock: (overrides.clock as TestClock | undefined) ?? clock,
  };
}
