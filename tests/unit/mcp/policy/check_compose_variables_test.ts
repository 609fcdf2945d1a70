import assert from "node:assert/strict";
import { checkCompose } from "../../../../mcp/policy/check_compose.ts";
import { composeFlags, CTX, rules, words } from "./_support.ts";

const doc = (volume: string) => `services:\n  app:\n    image: busybox\n    volumes: ["${volume}"]\n`;

Deno.test("checkCompose() resolves ${VAR} from env, ${VAR:-default} and .env as compose does", () => {
  assert.deepEqual(words(composeFlags(doc("${ROOT}:/host"), { ...CTX, env: { ROOT: "/" } })), [
    `Service "app" mounts /, the whole host file system.`,
  ]);
  assert.deepEqual(words(composeFlags(doc("${CONFIG:-/etc}:/c"))), [
    `Service "app" mounts /etc, a host system folder.`,
  ]);
  assert.deepEqual(
    words(composeFlags(doc("$DATA/share:/x"), { ...CTX, dotenv: "BASE=/home/media\nDATA=${BASE}/.local" })),
    [
      `Service "app" mounts /home/media/.local/share, a folder that contains arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
    ],
  );
});

Deno.test("checkCompose() lets the environment win over .env", () => {
  const ctx = { ...CTX, env: { ROOT: "/srv/media" }, dotenv: "ROOT=/" };
  assert.deepEqual(composeFlags(doc("${ROOT}:/media"), ctx), []);
});

Deno.test("checkCompose() flags a mount source whose variable has no value as cannot tell", () => {
  const flags = composeFlags(doc("${DATA}/config:/config"));
  assert.deepEqual(flags, [{
    service: "app",
    rule: "unresolved",
    severity: "confirm",
    words: `Cannot tell what service "app" mounts ("\${DATA}/config:/config"): variable "DATA" has no value.`,
    detail: `volumes[0]: "\${DATA}/config:/config"`,
  }]);
  assert.deepEqual(words(composeFlags(doc("${A:?set A}:/a"))), [
    `Cannot tell what service "app" mounts ("\${A:?set A}:/a"): required variable "A" is missing a value: set A.`,
  ]);
});

Deno.test("checkCompose() takes an empty default or alternative as resolved", () => {
  assert.deepEqual(composeFlags(doc("./data${SUFFIX:-}:/d")), []);
  assert.deepEqual(composeFlags(doc("./data${SUFFIX:+-x}:/d")), []);
  assert.deepEqual(composeFlags(doc("./cost$$HOME:/d")), []);
});

Deno.test("checkCompose() flags unresolved variables only in the values it checks", () => {
  const flags = composeFlags(`
services:
  app:
    image: "busybox:\${TAG:?set TAG}"
    environment: ["KEY=\${MISSING}"]
    cap_add: ["\${CAP}"]
`);
  assert.deepEqual(rules(flags), ["unresolved/confirm"]);
  assert.match(flags[0]?.words ?? "", /^Cannot tell what service "app" adds as a capability \("\$\{CAP\}"\)/);
});

Deno.test("checkCompose() reports a bad .env as an error", () => {
  const r = checkCompose(doc("./x:/x"), { ...CTX, dotenv: "not a key=1" });
  assert.deepEqual(r, {
    ok: false,
    error: { message: `Cannot read .env: Cannot parse line 1: key "not a key" contains a space` },
  });
});

Deno.test("checkCompose() accepts a parsed document with its strings as written", () => {
  const r = checkCompose({ services: { app: { image: "x", volumes: ["${ROOT:-/}:/host"] } } }, CTX);
  assert.ok(r.ok);
  assert.deepEqual(words(r.value), [`Service "app" mounts /, the whole host file system.`]);
});

Deno.test("checkCompose() follows YAML anchors and merge keys", () => {
  const flags = composeFlags(`
x-common: &common
  privileged: true
  volumes: [/etc:/etc]
services:
  app:
    <<: *common
    image: busybox
`);
  assert.deepEqual(rules(flags), ["privileged/confirm", "host-path/confirm"]);
});

Deno.test("checkCompose() returns an error for YAML it cannot read", async (t) => {
  for (
    const [text, message] of [
      ["services: [", "Cannot parse YAML"],
      ["- a\n- b", "Cannot read compose file: the top level must be a mapping"],
      ["services: [a, b]", "Cannot check compose file: services must be a mapping"],
      ["services:\n  app: 3", `Cannot check service "app": it must be a mapping`],
    ]
  ) {
    await t.step(JSON.stringify(text), () => {
      const r = checkCompose(text as string, CTX);
      assert.equal(r.ok, false);
      if (!r.ok) assert.ok(r.error.message.startsWith(message as string), r.error.message);
    });
  }
});

Deno.test("checkCompose() gives no flags for a file without services", () => {
  assert.deepEqual(composeFlags("name: empty\n"), []);
});
