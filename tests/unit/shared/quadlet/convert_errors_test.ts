import assert from "node:assert/strict";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import { type ConvertError, formatConvertError } from "../../../../shared/quadlet/types.ts";

function error(compose: string, env: Record<string, string> = {}, options = {}): ConvertError {
  const r = convertCompose({ compose, composeFile: "compose.yaml", projectDir: "/srv/app", env }, options);
  assert.ok(!r.ok, "expected a conversion error");
  return r.error;
}

Deno.test("convertCompose() reports YAML syntax errors with line and column", () => {
  const e = error("services:\n  web:\n    image: [unclosed\n");
  assert.equal(e.file, "compose.yaml");
  assert.match(e.message, /^Cannot parse YAML \(line \d+, column \d+\): /);
});

Deno.test("convertCompose() rejects a service with neither image nor build", () => {
  const e = error("services:\n  web:\n    ports: ['80']\n");
  assert.deepEqual(e, {
    file: "compose.yaml",
    service: "web",
    key: "image",
    message: "Cannot convert service: it has neither `image` nor `build`",
  });
  assert.equal(
    formatConvertError(e),
    'compose.yaml: service "web": key "image": Cannot convert service: it has neither `image` nor `build`',
  );
});

Deno.test("convertCompose() names the service, key and variable of a missing required variable", () => {
  const e = error(
    "services:\n  vpn:\n    image: x\n    environment:\n      KEY: ${WG_KEY:?set WG_KEY in .env}\n",
  );
  assert.equal(e.service, "vpn");
  assert.equal(e.key, "environment.KEY");
  assert.equal(e.variable, "WG_KEY");
  assert.equal(e.message, 'Required variable "WG_KEY" is missing a value: set WG_KEY in .env');
});

Deno.test("convertCompose() rejects malformed values naming the exact key", async (t) => {
  const cases: [string, string, string][] = [
    [
      "ports:\n      - 'abc:80'",
      "ports[0]",
      'Cannot parse port "abc:80": host port "abc" is not a port or range',
    ],
    ["ports:\n      - '70000:80'", "ports[0]", 'Cannot parse port "70000:80": 70000 is above 65535'],
    [
      "ports:\n      - '80/icmp'",
      "ports[0]",
      'Cannot parse port "80/icmp": protocol "icmp" is not tcp, udp or sctp',
    ],
    [
      "volumes:\n      - 'data:/data'",
      "volumes[0]",
      'Cannot use volume "data": it is not declared in the top-level volumes',
    ],
    [
      "volumes:\n      - './x:relative'",
      "volumes[0]",
      'Cannot parse volume "./x:relative": target "relative" is not an absolute path',
    ],
    [
      "networks: [nope]",
      "networks",
      'Cannot use network "nope": it is not declared in the top-level networks',
    ],
    [
      "network_mode: service:ghost",
      "network_mode",
      'Cannot use network_mode "service:ghost": there is no service "ghost"',
    ],
    ["depends_on: [ghost]", "depends_on.ghost", 'Cannot depend on "ghost": there is no service "ghost"'],
    [
      "restart: sometimes",
      "restart",
      'Cannot use restart "sometimes": expected no, always, on-failure or unless-stopped',
    ],
    [
      "stop_grace_period: soon",
      "stop_grace_period",
      'Cannot parse duration "soon": expected e.g. 30s or 1m30s',
    ],
    ['command: "echo \'open"', "command", `Cannot parse command "echo 'open": unterminated quote`],
    ["environment: 5", "environment", 'Cannot read value: expected a list or a mapping, got string "5"'],
    ["read_only: maybe", "read_only", 'Cannot read value: expected true or false, got string "maybe"'],
    [
      "healthcheck:\n      test: [BOGUS]",
      "healthcheck.test",
      'Cannot parse healthcheck test ["BOGUS"]: expected CMD, CMD-SHELL or NONE',
    ],
  ];
  for (const [yaml, key, message] of cases) {
    await t.step(key, () => {
      const e = error(`services:\n  web:\n    image: x\n    ${yaml}\n`);
      assert.equal(e.service, "web");
      assert.equal(e.key, key);
      assert.equal(e.message, message);
    });
  }
});

Deno.test("convertCompose() rejects bad top-level shapes, stack names and Podman versions", () => {
  assert.equal(error("services: {}\n").message, "Cannot convert: the file has no services");
  assert.equal(error("- a\n- b\n").message, "Cannot read compose file: the top level must be a mapping");
  assert.equal(
    error("services:\n  a:\n    image: x\n", {}, { stack: "Bad Name" }).message,
    'Cannot use stack name "Bad Name": use lowercase letters, digits, "-" and "_"',
  );
  assert.equal(
    error("services:\n  a:\n    image: x\n", {}, { podmanVersion: "4.3" }).message,
    "Cannot target Podman 4.3: quadlet needs Podman 4.4 or newer",
  );
  assert.equal(
    error("services:\n  a:\n    image: x\n", {}, { podmanVersion: "latest" }).message,
    'Cannot use Podman version "latest": expected e.g. 4.9 or 5.4.2',
  );
});

Deno.test("convertCompose() requires a required env_file and reads the top-level name as stack", () => {
  const e = error("services:\n  web:\n    image: x\n    env_file: app.env\n");
  assert.equal(e.key, "env_file");
  assert.equal(e.message, 'Cannot read env_file "/srv/app/app.env": file is missing or unreadable');
  const r = convertCompose({ compose: "name: media\nservices:\n  web:\n    image: x\n", projectDir: "/srv" });
  assert.ok(r.ok);
  assert.equal(r.value.stack, "media");
  assert.deepEqual(r.value.report.units, ["media-web.container", "media-default.network"]);
});

Deno.test("convertCompose() lets the shell environment win over .env", () => {
  const r = convertCompose({
    compose: "services:\n  web:\n    image: x:${TAG}\n",
    projectDir: "/srv",
    dotenv: "TAG=from-dotenv\n",
    env: { TAG: "from-shell" },
  });
  assert.ok(r.ok);
  assert.match(r.value.units[0]?.text ?? "", /^Image=docker\.io\/library\/x:from-shell$/m);
});

Deno.test("convertCompose() reports volume options an old Podman cannot take instead of failing", () => {
  const r = convertCompose(
    {
      compose: "services:\n  a:\n    image: x\n    volumes: [v:/v]\nvolumes:\n  v:\n    driver: nfs-plugin\n",
      projectDir: "/srv",
    },
    { podmanVersion: "4.4" },
  );
  assert.ok(r.ok);
  assert.deepEqual(r.value.report.unsupported, [{
    service: null,
    key: "networks.default",
    reason:
      'NetworkName= needs Podman 4.7 (target 4.4): the network is named systemd-default, not "srv_default" as compose names it',
  }, {
    service: null,
    key: "volumes.v",
    reason:
      'VolumeName= needs Podman 4.7 (target 4.4): the volume is named systemd-v, not "srv_v" as compose names it',
  }, {
    service: null,
    key: "volumes.v",
    reason: "--driver nfs-plugin needs PodmanArgs=, which .volume units have since Podman 4.6 (target 4.4)",
  }]);
  assert.equal(r.value.units.find((u) => u.fileName === "v.volume")?.text, "[Volume]\n");
});

Deno.test("convertCompose() keeps numbers as written (1.10 stays 1.10, 0400 stays octal)", () => {
  const r = convertCompose({
    compose:
      "services:\n  a:\n    image: x\n    environment:\n      VERSION: 1.10\n      HEX: 0x1F\n      EXP: 1e3\n",
    projectDir: "/srv",
  });
  assert.ok(r.ok);
  const text = r.value.units[0]?.text ?? "";
  assert.match(text, /^Environment=VERSION=1\.10$/m);
  assert.match(text, /^Environment=HEX=0x1F$/m);
  assert.match(text, /^Environment=EXP=1e3$/m);
});
