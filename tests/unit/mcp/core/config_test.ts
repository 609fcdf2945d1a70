import assert from "node:assert/strict";
import { parseConfig } from "../../../../mcp/core/config.ts";
import { parseEnvFile } from "../../../../mcp/core/env_file.ts";

const HOST = { uid: 1001, home: "/home/media" };

Deno.test("parseConfig() gives safe defaults with no variables at all", () => {
  const r = parseConfig({}, HOST);
  assert.ok(r.ok);
  assert.deepEqual(r.value, {
    apiKey: undefined,
    host: "127.0.0.1",
    port: 8484,
    dataDir: "/home/media/.local/share/arr-mcp",
    runtimeSocket: undefined,
    helperSocket: "/run/user/1001/arr-helper/arr-helper.sock",
    stacksDir: "/opt/stacks",
    mediaDir: "/media-server",
    logDirs: [],
    readOnly: false,
    dashboardPublic: false,
    maxInflight: 32,
    systemdUnits: [],
    policy: "confirm",
    confirm: "auto",
    homeDir: "/home/media",
    allowedHosts: ["localhost:8484", "127.0.0.1:8484", "[::1]:8484"],
    allowedOrigins: [
      "http://localhost:8484",
      "https://localhost:8484",
      "http://127.0.0.1:8484",
      "https://127.0.0.1:8484",
      "http://[::1]:8484",
      "https://[::1]:8484",
    ],
  });
});

Deno.test("parseConfig() reads every variable", () => {
  const r = parseConfig({
    ARR_MCP_API_KEY: "0123456789abcdef-XYZ",
    ARR_MCP_HOST: "192.168.1.5",
    ARR_MCP_PORT: "9000",
    ARR_DATA_DIR: "/srv/arr",
    ARR_RUNTIME_SOCKET: "/run/podman/podman.sock",
    ARR_HELPER_SOCKET: "/run/h.sock",
    ARR_STACKS_DIR: "/srv/stacks",
    ARR_MEDIA_DIR: "/srv/media",
    ARR_LOG_DIRS: "/var/log/a, /var/log/b",
    ARR_READ_ONLY: "yes",
    ARR_ALLOWED_HOSTS: "media.lan:9000,192.168.1.5:9000",
    ARR_ALLOWED_ORIGINS: "http://media.lan:9000",
    ARR_MCP_MAX_INFLIGHT: "8",
    XDG_DATA_HOME: "/ignored/because/ARR_DATA_DIR",
  }, HOST);
  assert.ok(r.ok);
  assert.equal(r.value.apiKey, "0123456789abcdef-XYZ");
  assert.equal(r.value.port, 9000);
  assert.equal(r.value.dataDir, "/srv/arr");
  assert.deepEqual(r.value.logDirs, ["/var/log/a", "/var/log/b"]);
  assert.equal(r.value.readOnly, true);
  assert.deepEqual(r.value.allowedHosts, ["media.lan:9000", "192.168.1.5:9000"]);
  assert.deepEqual(r.value.allowedOrigins, ["http://media.lan:9000"]);
  assert.equal(r.value.maxInflight, 8);
});

Deno.test("parseConfig() uses XDG_DATA_HOME and XDG_RUNTIME_DIR for defaults", () => {
  const r = parseConfig({ XDG_DATA_HOME: "/data", XDG_RUNTIME_DIR: "/run/user/5" }, HOST);
  assert.ok(r.ok);
  assert.equal(r.value.dataDir, "/data/arr-mcp");
  assert.equal(r.value.helperSocket, "/run/user/5/arr-helper/arr-helper.sock");
});

Deno.test("parseConfig() names the variable and the reason for a bad value", () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ ARR_MCP_PORT: "abc" }, 'Invalid ARR_MCP_PORT "abc": expected an integer from 0 to 65535'],
    [{ ARR_MCP_PORT: "70000" }, 'Invalid ARR_MCP_PORT "70000": expected an integer from 0 to 65535'],
    [{ ARR_DATA_DIR: "relative/dir" }, 'Invalid ARR_DATA_DIR "relative/dir": expected an absolute path'],
    [{ ARR_READ_ONLY: "maybe" }, 'Invalid ARR_READ_ONLY "maybe": expected true or false'],
    [{ ARR_MCP_MAX_INFLIGHT: "0" }, 'Invalid ARR_MCP_MAX_INFLIGHT "0": expected an integer from 1 to 1024'],
    [
      { ARR_MCP_MAX_INFLIGHT: "lots" },
      'Invalid ARR_MCP_MAX_INFLIGHT "lots": expected an integer from 1 to 1024',
    ],
    [{ ARR_LOG_DIRS: "/ok,rel" }, 'Invalid ARR_LOG_DIRS "/ok,rel": expected an absolute path'],
    [{ ARR_MCP_API_KEY: "short" }, "Invalid ARR_MCP_API_KEY (hidden): expected at least 16 characters"],
    [
      { ARR_ALLOWED_ORIGINS: "media.lan" },
      'Invalid ARR_ALLOWED_ORIGINS "media.lan": expected scheme://host[:port] entries',
    ],
  ];
  for (const [env, message] of cases) assert.deepEqual(parseConfig(env, HOST), { ok: false, error: message });
});

Deno.test("parseConfig() reads ARR_POLICY: confirm by default and when blank, strict in any case", () => {
  const policy = (value?: string) => {
    const r = parseConfig(value === undefined ? {} : { ARR_POLICY: value }, HOST);
    return r.ok ? r.value.policy : r.error;
  };
  assert.equal(policy(), "confirm");
  assert.equal(policy("  "), "confirm");
  assert.equal(policy(" Strict "), "strict");
  assert.equal(policy("off"), 'Invalid ARR_POLICY "off": expected confirm or strict');
});

Deno.test("parseConfig() reads ARR_CONFIRM: auto by default, elicit or token in any case", () => {
  const mode = (value?: string) => {
    const r = parseConfig(value === undefined ? {} : { ARR_CONFIRM: value }, HOST);
    return r.ok ? r.value.confirm : r.error;
  };
  assert.equal(mode(), "auto");
  assert.equal(mode(" "), "auto");
  assert.equal(mode(" Elicit "), "elicit");
  assert.equal(mode("TOKEN"), "token");
  assert.equal(mode("ask"), 'Invalid ARR_CONFIRM "ask": expected auto, elicit, token');
});

Deno.test("parseConfig() never echoes a rejected API key", () => {
  const r = parseConfig({ ARR_MCP_API_KEY: "has spaces in the secret key" }, HOST);
  assert.equal(r.ok, false);
  assert.doesNotMatch(JSON.stringify(r), /spaces in the secret/);
});

Deno.test("parseEnvFile() reads KEY=value lines with comments, export and quotes", () => {
  const r = parseEnvFile(
    "# comment\nexport ARR_MCP_PORT=9000\nARR_MEDIA_DIR=\"/srv/my media\"\nA='x # y'\nB=plain # note\n\n",
  );
  assert.deepEqual(r, {
    ok: true,
    value: { ARR_MCP_PORT: "9000", ARR_MEDIA_DIR: "/srv/my media", A: "x # y", B: "plain" },
  });
  assert.deepEqual(parseEnvFile("GOOD=1\nnot a line\n"), {
    ok: false,
    error: "Cannot parse .env line 2: expected KEY=value",
  });
});

Deno.test("parseConfig() reads the cleanup settings and names a bad one", () => {
  const host = { uid: 1001, home: "/home/media" };
  const r = parseConfig({
    ARR_CLEANUP_USERS: "Owner, Kid",
    ARR_CLEANUP_ACTIVE_DAYS: "30",
    ARR_CLEANUP_KEEP_TAG: "hold",
    ARR_CLEANUP_PREVIEW_INTERVAL_H: "0",
  }, host);
  assert.ok(r.ok);
  assert.deepEqual(
    [
      r.value.cleanupUsers,
      r.value.cleanupActiveDays,
      r.value.cleanupKeepTag,
      r.value.cleanupPreviewIntervalH,
    ],
    [["Owner", "Kid"], 30, "hold", 0],
  );
  const bad = parseConfig({ ARR_CLEANUP_ACTIVE_DAYS: "0" }, host);
  assert.ok(!bad.ok);
  assert.match(bad.error, /^Invalid ARR_CLEANUP_ACTIVE_DAYS "0"/);
  const badInterval = parseConfig({ ARR_CLEANUP_PREVIEW_INTERVAL_H: "169" }, host);
  assert.ok(!badInterval.ok);
  assert.match(badInterval.error, /^Invalid ARR_CLEANUP_PREVIEW_INTERVAL_H "169"/);
});

Deno.test("parseConfig() reads ARR_STATS_INTERVAL_S: whole seconds from 5 to 3600, unset by default", () => {
  const set = parseConfig({ ARR_STATS_INTERVAL_S: "15" }, HOST);
  assert.equal(set.ok && set.value.statsIntervalS, 15);
  const unset = parseConfig({}, HOST);
  assert.equal(unset.ok && unset.value.statsIntervalS, undefined);
  for (const bad of ["4", "2.5", "3601", "often"]) {
    const r = parseConfig({ ARR_STATS_INTERVAL_S: bad }, HOST);
    assert.match(!r.ok ? r.error : "", /^Invalid ARR_STATS_INTERVAL_S/, bad);
  }
});
