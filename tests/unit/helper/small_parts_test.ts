import assert from "node:assert/strict";
import { auditArgs, formatAuditLine } from "../../../helper/audit.ts";
import { parseComposeVersions } from "../../../helper/info.ts";
import { createKeyedLock } from "../../../helper/keyed_lock.ts";
import { capOutput } from "../../../helper/outcome.ts";
import { judgeGeneratorRun } from "../../../helper/quadlet_check.ts";
import { systemctlArgs } from "../../../helper/systemd_ops.ts";

Deno.test("auditArgs() logs the size of content, never the content", () => {
  const safe = auditArgs({
    name: "web",
    type: "container",
    content: "[Container]\nEnvironment=TOKEN=secret\n",
  });
  assert.deepEqual(safe, { name: "web", type: "container", content_bytes: 37 });
  assert.doesNotMatch(
    formatAuditLine({
      time: "t",
      op: "quadlet_write",
      args: safe,
      outcome: "ok",
      exit_code: 0,
      duration_ms: 1,
      seq_start: 1,
      seq_end: 2,
    }),
    /secret/,
  );
  assert.deepEqual(auditArgs({ stack: { nested: true }, n: 1, l: "x".repeat(300) }), {
    stack: "<object>",
    n: 1,
    l: `${"x".repeat(200)}…`,
  });
});

Deno.test("auditArgs() and formatAuditLine() keep secret-looking values out of the journal line", () => {
  const line = formatAuditLine({
    time: "t",
    op: "stack_up",
    args: auditArgs({ stack: "media", note: "url http://u:hunter2@h/x?apikey=k-77" }),
    outcome: "error",
    exit_code: 1,
    duration_ms: 1,
    seq_start: null,
    seq_end: null,
    error: 'Internal error in "stack_up": bad PASSWORD=p4ss',
  });
  assert.doesNotMatch(line, /hunter2|k-77|p4ss/);
  assert.match(line, /"stack":"media"/);
});

Deno.test("createKeyedLock() runs tasks of one key in order and never overlapping", async () => {
  const lock = createKeyedLock();
  const events: string[] = [];
  let releaseFirst = () => {};
  const first = lock("stack:a", () => {
    events.push("first start");
    return new Promise<void>((resolve) => {
      releaseFirst = () => {
        events.push("first end");
        resolve();
      };
    });
  });
  const second = lock("stack:a", () => {
    events.push("second start");
    return Promise.resolve();
  });
  const other = lock("stack:b", () => {
    events.push("other key");
    return Promise.resolve();
  });
  await other;
  assert.deepEqual(events, ["first start", "other key"]);
  releaseFirst();
  await Promise.all([first, second]);
  assert.deepEqual(events, ["first start", "other key", "first end", "second start"]);
});

Deno.test("createKeyedLock() goes on with the next task after one fails", async () => {
  const lock = createKeyedLock();
  await assert.rejects(lock("k", () => Promise.reject(new Error("boom"))), /boom/);
  assert.equal(await lock("k", () => Promise.resolve(7)), 7);
});

Deno.test("parseComposeVersions() reads both versions from `podman-compose version`", () => {
  assert.deepEqual(parseComposeVersions("podman-compose version 1.3.0\npodman version 4.3.1\n"), {
    podman: "4.3.1",
    podmanCompose: "1.3.0",
  });
  // podman-compose 1.0.3 (Debian 12) says "composer" and pads with two spaces.
  assert.deepEqual(
    parseComposeVersions(
      "using podman version: 4.3.1\npodman-composer version  1.0.3\npodman --version \npodman version 4.3.1\n",
    ),
    { podman: "4.3.1", podmanCompose: "1.0.3" },
  );
  assert.deepEqual(parseComposeVersions("nothing"), { podman: null, podmanCompose: null });
});

Deno.test("systemctlArgs() always talks to the user manager and never pages", () => {
  assert.deepEqual(systemctlArgs("start", "web.service"), ["--user", "--no-pager", "start", "web.service"]);
  assert.deepEqual(systemctlArgs("status", "web.service"), [
    "--user",
    "--no-pager",
    "--full",
    "--lines=20",
    "status",
    "web.service",
  ]);
  assert.deepEqual(systemctlArgs("daemon-reload", null), ["--user", "daemon-reload"]);
});

Deno.test("judgeGeneratorRun() blocks only on complaints about the candidate", () => {
  const run = { code: 1, stdout: "", timedOut: false, truncated: false };
  // Lines as quadlet 5.4.2 prints them with -dryrun.
  const bad = judgeGeneratorRun("web.container", {
    ...run,
    stderr: "quadlet-generator[9]: Loading source unit file /d/web.container\n" +
      "quadlet-generator[9]: converting \"web.container\": unsupported key 'Foo' in group 'Container' in web.container\n",
  });
  assert.deepEqual(bad, {
    ok: false,
    error:
      "the quadlet generator rejected it: converting \"web.container\": unsupported key 'Foo' in group " +
      "'Container' in web.container",
  });
  const others = judgeGeneratorRun("web.container", {
    ...run,
    stderr: 'converting "old.container": quadlet pod unit p.pod does not exist\n',
  });
  assert.equal(others.ok, true);
  const crashed = judgeGeneratorRun("web.container", {
    ...run,
    code: 2,
    stderr: "flag provided but not defined",
  });
  assert.deepEqual(crashed, {
    ok: false,
    error: "the quadlet generator failed (exit 2): flag provided but not defined",
  });
  assert.equal(judgeGeneratorRun("a.pod", { ...run, code: 124, stderr: "", timedOut: true }).ok, false);
});

Deno.test("capOutput() keeps the end of long output and says what it dropped", () => {
  assert.equal(capOutput("short", 10), "short");
  assert.equal(capOutput("0123456789abc", 10), "[output truncated: first 3 characters dropped]\n3456789abc");
});
