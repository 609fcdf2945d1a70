/**
 * The official MCP conformance suite against the real app. The suite cannot send an Authorization header,
 * so this test serves the unchanged production app (auth on) behind a wrapper that adds the bearer header to
 * each incoming request, exactly as a configured client would. There is no switch to turn auth off: nothing in
 * mcp/ can be configured to skip it.
 */
import assert from "node:assert/strict";
import { serveArrMcp } from "../../_support/harness.ts";

export const CONFORMANCE = "npm:@modelcontextprotocol/conformance@0.1.16";
/** The scenarios that apply to a tools-only server (tools-call-* pass against any server: not counted). */
export const SCENARIOS = ["server-initialize", "ping", "tools-list", "dns-rebinding-protection"];
/**
 * Protocol 2026-07-28: the suite's pre-release line, and the scenarios a tools-only server can pass. The others
 * need the suite's own diagnostic tools (`test_missing_capability`, `test_input_required_result_*` …), prompts
 * or resources; arr-mcp's own tests cover tampered, replayed and expired requestState.
 */
export const CONFORMANCE_2026 = "npm:@modelcontextprotocol/conformance@0.2.0-alpha.12";
export const SCENARIOS_2026 = [
  "tools-list",
  "dns-rebinding-protection",
  "http-header-validation",
  "input-required-result-missing-input-response",
  "input-required-result-unsupported-methods",
  "input-required-result-validate-input",
  "input-required-result-ignore-extra-params",
];

function withKey(fetch: (req: Request) => Promise<Response>, key: string) {
  return (req: Request) => {
    const headers = new Headers(req.headers);
    headers.set("authorization", `Bearer ${key}`);
    return fetch(new Request(req, { headers }));
  };
}

Deno.test("the MCP conformance suite's applicable scenarios pass against the real app", async (t) => {
  const served = await serveArrMcp({ wrap: withKey });
  const cwd = await Deno.makeTempDir();
  const runs = [
    ...SCENARIOS.map((s) => [CONFORMANCE, s] as const),
    ...SCENARIOS_2026.map((s) => [CONFORMANCE_2026, s] as const),
  ];
  try {
    for (const [suite, scenario] of runs) {
      await t.step(`${suite.split("@").at(-1)} ${scenario}`, async () => {
        const out = await new Deno.Command(Deno.execPath(), {
          args: [
            "run",
            "-A",
            "--no-lock",
            suite,
            "server",
            "--url",
            served.url,
            "--scenario",
            scenario,
          ],
          cwd,
          stdout: "piped",
          stderr: "piped",
          env: { NO_COLOR: "1" },
        }).output();
        const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
        assert.equal(out.code, 0, text);
        assert.match(text, /Passed:\s+\d+\/\d+, 0 failed/, text);
      });
    }
  } finally {
    await served.close();
    await Deno.remove(cwd, { recursive: true });
  }
});
