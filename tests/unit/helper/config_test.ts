import assert from "node:assert/strict";
import fc from "fast-check";
import { parseConfig } from "../../../helper/config.ts";

const env = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("parseConfig() fills the documented defaults from XDG_RUNTIME_DIR and HOME", () => {
  assert.deepEqual(parseConfig(env({ XDG_RUNTIME_DIR: "/run/user/1000", HOME: "/home/media" })), {
    ok: true,
    value: {
      socketPath: "/run/user/1000/arr-helper/arr-helper.sock",
      stacksDir: "/opt/stacks",
      quadletDir: "/home/media/.config/containers/systemd",
      timeoutMs: 300_000,
      generator: null,
      stopTimeoutS: null,
    },
  });
});

Deno.test("parseConfig() takes every variable and normalizes trailing slashes", () => {
  const result = parseConfig(env({
    ARR_HELPER_SOCKET: "/tmp/x/h.sock",
    ARR_STACKS_DIR: "/srv/stacks/",
    ARR_QUADLET_DIR: "/q",
    ARR_HELPER_TIMEOUT_S: "30",
    ARR_HELPER_STOP_TIMEOUT_S: "0",
    ARR_QUADLET_GENERATOR: "/usr/libexec/podman/quadlet",
  }));
  assert.deepEqual(result, {
    ok: true,
    value: {
      socketPath: "/tmp/x/h.sock",
      stacksDir: "/srv/stacks",
      quadletDir: "/q",
      timeoutMs: 30_000,
      generator: "/usr/libexec/podman/quadlet",
      stopTimeoutS: 0,
    },
  });
});

Deno.test("parseConfig() names the variable for each bad value", async (t) => {
  const base = { XDG_RUNTIME_DIR: "/run/user/1", HOME: "/home/m" };
  const cases: Array<[Record<string, string>, string]> = [
    [{ HOME: "/home/m" }, "Invalid ARR_HELPER_SOCKET: not set, and XDG_RUNTIME_DIR is not set either"],
    [{ XDG_RUNTIME_DIR: "/run/user/1" }, "Invalid ARR_QUADLET_DIR: not set, and HOME is not set either"],
    [
      { ...base, ARR_HELPER_SOCKET: "rel/h.sock" },
      'Invalid ARR_HELPER_SOCKET "rel/h.sock": expected an absolute path',
    ],
    [{ ...base, ARR_STACKS_DIR: "/a,b" }, 'Invalid ARR_STACKS_DIR "/a,b": the path must not contain ","'],
    [{ ...base, ARR_QUADLET_DIR: "q" }, 'Invalid ARR_QUADLET_DIR "q": expected an absolute path'],
    [
      { ...base, ARR_HELPER_TIMEOUT_S: "0" },
      'Invalid ARR_HELPER_TIMEOUT_S "0": expected whole seconds from 1 to 86400',
    ],
    [
      { ...base, ARR_HELPER_TIMEOUT_S: "1.5" },
      'Invalid ARR_HELPER_TIMEOUT_S "1.5": expected whole seconds from 1 to 86400',
    ],
    [
      { ...base, ARR_HELPER_STOP_TIMEOUT_S: "-1" },
      'Invalid ARR_HELPER_STOP_TIMEOUT_S "-1": expected whole seconds from 0 to 86400',
    ],
    [
      { ...base, ARR_QUADLET_GENERATOR: "quadlet" },
      'Invalid ARR_QUADLET_GENERATOR "quadlet": expected an absolute path',
    ],
  ];
  for (const [vars, message] of cases) {
    await t.step(message, () => assert.deepEqual(parseConfig(env(vars)), { ok: false, error: message }));
  }
});

Deno.test("parseConfig() accepts a timeout only as whole seconds in range", () => {
  fc.assert(fc.property(fc.string({ maxLength: 8 }), (raw) => {
    const result = parseConfig(env({ XDG_RUNTIME_DIR: "/r", HOME: "/h", ARR_HELPER_TIMEOUT_S: raw }));
    const n = Number(raw);
    const expected = raw === "" || (/^[0-9]+$/.test(raw) && n >= 1 && n <= 86400);
    assert.equal(result.ok, expected, raw);
  }));
});
