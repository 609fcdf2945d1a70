/** compose_to_quadlet's validation choice: arr-helper first, a local generator only with run permission. */
import assert from "node:assert/strict";
import type { HelperClient, HelperError } from "../../../../../mcp/clients/helper/helper_client.ts";
import {
  localGenerator,
  type NotRun,
  type Validation,
} from "../../../../../mcp/quadlets/convert/generator.ts";
import { validateStaged } from "../../../../../mcp/quadlets/convert/validate.ts";
import type { HelperInfo, HelperSuccess } from "../../../../../shared/helper_protocol.ts";
import { err, ok, type Result } from "../../../../../shared/result.ts";

const UNITS = [
  { fileName: "site-web.container", text: "[Container]\nImage=docker.io/library/nginx:1\n" },
  { fileName: "site-front.network", text: "[Network]\n" },
];
const INFO: HelperInfo = {
  helper_version: "1.0.0",
  podman: "5.4.2",
  podman_compose: "1.3.0",
  quadlet: "5.4.2",
  stacks_dir: "/opt/stacks",
  quadlet_dir: "/home/media/.config/containers/systemd",
};
const TAIL = "quadlet_install validates each unit through arr-helper before writing";

/** A helper that answers every call the same way and records what it was asked. */
function fakeHelper(answer: Result<HelperSuccess, HelperError>) {
  const calls: Array<{ op: string; args: Record<string, unknown> }> = [];
  const helper: HelperClient = {
    socket: "/run/arr-helper.sock",
    call: (op, args) => {
      calls.push({ op, args });
      return Promise.resolve(answer);
    },
  };
  return { helper, calls };
}

const UNAVAILABLE = err({ kind: "unavailable" as const, message: "arr-helper is not running (no socket)" });

/** A generator script that leaves a mark when it is started. */
async function markingGenerator(): Promise<{ path: string; ran: () => Promise<boolean>; dir: string }> {
  const dir = await Deno.makeTempDir({ prefix: "arr-local-gen-" });
  const path = `${dir}/quadlet`;
  await Deno.writeTextFile(path, `#!/bin/sh\ntouch '${dir}/ran'\nexit 0\n`, { mode: 0o755 });
  const ran = () => Deno.stat(`${dir}/ran`).then(() => true, () => false);
  return { path, ran, dir };
}

Deno.test("localGenerator() starts no process and says why when run permission is not granted", async () => {
  const gen = await markingGenerator();
  try {
    const asked: string[] = [];
    const denied = localGenerator([gen.path], { mayRun: (p) => (asked.push(p), false) });
    assert.deepEqual(await denied(UNITS), {
      not_run: `arr-mcp may not start programs (no --allow-run for ${gen.path})`,
    });
    assert.deepEqual(asked, [gen.path]);
    assert.equal(await gen.ran(), false, "the generator was started");
    const granted = await localGenerator([gen.path], { mayRun: () => true })(UNITS);
    assert.deepEqual(granted, { validated_by: "local", generator: gen.path, ok: true, messages: [] });
    assert.equal(await gen.ran(), true);
  } finally {
    await Deno.remove(gen.dir, { recursive: true });
  }
});

Deno.test("validateStaged() without arr-helper and without run permission reports both reasons, running nothing", async () => {
  const gen = await markingGenerator();
  try {
    const { helper, calls } = fakeHelper(UNAVAILABLE);
    const out = await validateStaged(
      helper,
      null,
      localGenerator([gen.path], { mayRun: () => false }),
      UNITS,
    );
    assert.deepEqual(out, {
      validated_by: null,
      generator: null,
      ok: null,
      messages: [
        `Not validated: arr-helper is not running and arr-mcp may not start programs (no --allow-run for ` +
        `${gen.path}); ${TAIL}`,
      ],
    });
    assert.equal(calls.length, 1);
    assert.equal(await gen.ran(), false);
  } finally {
    await Deno.remove(gen.dir, { recursive: true });
  }
});

Deno.test("validateStaged() takes arr-helper's verdict and sends the units as name, type and content", async () => {
  const { helper, calls } = fakeHelper(ok({
    ok: false,
    output: 'Rejected by the quadlet generator: site-web.container\nconverting "site-web.container": bad\n',
    exit_code: 1,
  }));
  const local = () => Promise.reject(new Error("the local generator must not be asked"));
  const out = await validateStaged(helper, INFO, local, UNITS);
  assert.deepEqual(out, {
    validated_by: "arr-helper",
    generator: "quadlet 5.4.2",
    ok: false,
    messages: [
      "Rejected by the quadlet generator: site-web.container",
      'converting "site-web.container": bad',
    ],
  });
  assert.deepEqual(calls, [{
    op: "quadlet_validate",
    args: {
      units: [
        { name: "site-web", type: "container", content: UNITS[0]?.text },
        { name: "site-front", type: "network", content: "[Network]\n" },
      ],
    },
  }]);
});

Deno.test("validateStaged() falls back to the local generator when arr-helper cannot validate", async (t) => {
  const localVerdict: Validation = { validated_by: "local", generator: "/q", ok: true, messages: [] };
  const cases: Array<[string, Result<HelperSuccess, HelperError>, string]> = [
    [
      "no generator on the host",
      ok({ ok: false, output: "Not validated: no quadlet generator on this host", exit_code: 127 }),
      "arr-helper has no quadlet generator on its host",
    ],
    [
      "an older helper",
      err({
        kind: "rejected",
        status: 400,
        message: 'arr-helper refused "quadlet_validate": Unknown op "x"',
      }),
      "this arr-helper is too old for quadlet_validate (update it)",
    ],
    [
      "a timeout",
      err({ kind: "timeout", message: "arr-helper did not answer" }),
      "arr-helper could not validate (arr-helper did not answer)",
    ],
  ];
  for (const [name, answer, reason] of cases) {
    await t.step(name, async () => {
      const { helper } = fakeHelper(answer);
      assert.deepEqual(
        await validateStaged(helper, INFO, () => Promise.resolve(localVerdict), UNITS),
        localVerdict,
      );
      const notRun: NotRun = { not_run: "arr-mcp has no local quadlet generator" };
      const out = await validateStaged(helper, INFO, () => Promise.resolve(notRun), UNITS);
      assert.deepEqual(out.messages, [`Not validated: ${reason} and ${notRun.not_run}; ${TAIL}`]);
    });
  }
});

Deno.test("validateStaged() does not send a set larger than one arr-helper request", async () => {
  const { helper, calls } = fakeHelper(UNAVAILABLE);
  const big = Array.from({ length: 3 }, (_, i) => ({
    fileName: `u${i}.container`,
    text: `[Container]\nImage=x\n#${"x".repeat(60 * 1024)}\n`,
  }));
  const out = await validateStaged(helper, INFO, () => Promise.resolve({ not_run: "none here" }), big);
  assert.equal(calls.length, 0);
  assert.equal(out.ok, null);
  assert.match(
    out.messages[0] ?? "",
    /^Not validated: the units are too many or too large for one arr-helper request \(\d+ bytes\) and none here;/,
  );
});
