import assert from "node:assert/strict";
import fc from "fast-check";
import { denoFs } from "../../../helper/fs.ts";
import type { FileError, UnitFile } from "../../../helper/quadlet_files.ts";
import {
  createQuadletValidate,
  judgeGeneratorSet,
  NO_GENERATOR_EXIT_CODE,
  NO_GENERATOR_MESSAGE,
} from "../../../helper/quadlet_validate.ts";
import type { Runner, RunResult } from "../../../helper/run_command.ts";
import { validateQuadletUnits } from "../../../helper/validate.ts";
import { QUADLET_TYPES } from "../../../shared/helper_protocol.ts";
import { QUADLET_VALIDATE_MAX_TOTAL_BYTES, QUADLET_VALIDATE_MAX_UNITS } from "../../../shared/limits.ts";
import { err, ok, type Result } from "../../../shared/result.ts";

const run = (over: Partial<RunResult> = {}): RunResult => ({
  code: 0,
  stdout: "",
  stderr: "",
  timedOut: false,
  truncated: false,
  ...over,
});
const WEB = { name: "web", type: "container", content: "[Container]\nImage=localhost/busybox:test\n" };

Deno.test("validateQuadletUnits() accepts 1 to 64 distinct valid units and keeps their order", () => {
  const unit = fc.record({
    name: fc.stringMatching(/^[a-z0-9][a-z0-9_.@-]{0,20}$/),
    type: fc.constantFrom(...QUADLET_TYPES),
    content: fc.string({ minLength: 1, maxLength: 200 }).map((t) => `[Unit]\n${t.replaceAll("\0", "")}`)
      .filter((t) => t.isWellFormed()),
  }).filter((u) => !u.name.endsWith(`.${u.type}`));
  const units = fc.uniqueArray(unit, {
    minLength: 1,
    maxLength: QUADLET_VALIDATE_MAX_UNITS,
    selector: (u) => `${u.name}.${u.type}`,
  });
  fc.assert(fc.property(units, (list) => {
    // fc.record makes null-prototype objects; the validator answers plain ones.
    assert.deepEqual(validateQuadletUnits(list), { ok: true, value: list.map((u) => ({ ...u })) });
  }));
});

Deno.test("validateQuadletUnits() names the entry and field of each bad unit", async (t) => {
  const cases: Array<[unknown, string]> = [
    [undefined, 'Invalid argument "units": value is missing'],
    ["web.container", 'Invalid argument "units": expected an array, got string'],
    [[], 'Invalid argument "units": value is empty'],
    [
      Array.from({ length: 65 }, (_, i) => ({ ...WEB, name: `u${i}` })),
      'Invalid argument "units": value has 65 units, more than 64',
    ],
    [[WEB, null], 'Invalid argument "units[1]": expected an object with name, type and content, got null'],
    [[["web"]], 'Invalid argument "units[0]": expected an object with name, type and content, got array'],
    [
      [{ ...WEB, path: "/etc" }],
      'Invalid argument "units[0]": unknown key "path": expected name, type, content',
    ],
    [[WEB, { ...WEB, name: "../x" }], 'Invalid argument "units[1].name": "../x" must match'],
    [[{ ...WEB, name: "-x" }], 'Invalid argument "units[0].name": "-x" must not start with "-"'],
    [[{ ...WEB, name: "web.container" }], 'Invalid argument "units[0].name": "web.container" must be given'],
    [[{ ...WEB, type: "service" }], 'Invalid argument "units[0].type": "service" is not one of container'],
    [[{ name: "web", content: WEB.content }], 'Invalid argument "units[0].type": value is missing'],
    [[WEB, { ...WEB, name: "db", content: "" }], 'Invalid argument "units[1].content": value is empty'],
    [[{ ...WEB, content: "a\0b" }], 'Invalid argument "units[0].content": value contains a NUL character'],
    [[{ ...WEB, content: 7 }], 'Invalid argument "units[0].content": expected a string, got number'],
    [[WEB, { ...WEB }], 'Invalid argument "units[1]": "web.container" is given more than once'],
  ];
  for (const [value, error] of cases) {
    await t.step(error, () => {
      const result = validateQuadletUnits(value);
      assert.equal(result.ok, false);
      if (!result.ok) assert.ok(result.error.startsWith(error), result.error);
    });
  }
});

Deno.test("validateQuadletUnits() bounds the contents' total size as UTF-8", () => {
  const perUnit = 60 * 1024;
  const count = Math.ceil(QUADLET_VALIDATE_MAX_TOTAL_BYTES / perUnit) + 1;
  const big = Array.from(
    { length: count },
    (_, i) => ({ ...WEB, name: `u${i}`, content: "é".repeat(perUnit / 2) }),
  );
  const result = validateQuadletUnits(big);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(
      result.error,
      `Invalid argument "units": the contents are more than ${QUADLET_VALIDATE_MAX_TOTAL_BYTES} bytes ` +
        `together (over at units[${count - 2}])`,
    );
  }
  assert.equal(validateQuadletUnits(big.slice(0, count - 2)).ok, true);
});

Deno.test("judgeGeneratorSet() fails the set on a complaint about a candidate and names it", () => {
  const verdict = judgeGeneratorSet(
    ["a.container", "n.network"],
    run({
      code: 1,
      stderr: "quadlet-generator[7]: Loading source unit file a.container\n" +
        "quadlet-generator[7]: converting \"a.container\": unsupported key 'FooBar' in group 'Container' in " +
        "a.container\n",
    }),
  );
  assert.deepEqual(verdict, {
    ok: false,
    output: "Rejected by the quadlet generator: a.container\n" +
      "converting \"a.container\": unsupported key 'FooBar' in group 'Container' in a.container",
    exitCode: 1,
  });
});

Deno.test("judgeGeneratorSet() passes the set when only an installed unit is rejected, and says so", () => {
  const verdict = judgeGeneratorSet(
    ["a.container"],
    run({
      code: 1,
      stderr: 'converting "old.container": no Image or Rootfs key specified\n',
    }),
  );
  assert.equal(verdict.ok, true);
  assert.equal(
    verdict.output,
    'Accepted by the quadlet generator: a.container\nconverting "old.container": no Image or Rootfs key specified',
  );
  assert.equal(verdict.exitCode, 1);
});

Deno.test("judgeGeneratorSet() fails on a timeout or an exit without any file named", () => {
  assert.deepEqual(judgeGeneratorSet(["a.container"], run({ code: 124, timedOut: true })), {
    ok: false,
    output: "The quadlet generator timed out",
    exitCode: 124,
  });
  const broken = judgeGeneratorSet(
    ["a.container"],
    run({ code: 2, stderr: "flag provided but not defined\n" }),
  );
  assert.equal(broken.ok, false);
  assert.equal(broken.output, "The quadlet generator failed (exit 2)\nflag provided but not defined");
});

function fakeStore(installed: Result<UnitFile[], FileError>) {
  const asked: Array<ReadonlySet<string>> = [];
  return {
    asked,
    installed: (except: ReadonlySet<string>) => {
      asked.push(except);
      return Promise.resolve(installed);
    },
  };
}

Deno.test("quadlet_validate runs the generator over installed units plus candidates, candidates winning", async () => {
  const workDir = await Deno.makeTempDir();
  try {
    const seen: Record<string, string> = {};
    const runner: Runner = async (cmd, args, options) => {
      const dir = options?.env?.QUADLET_UNIT_DIRS ?? "";
      assert.ok(dir.startsWith(`${workDir}/quadlet-check-`), dir);
      assert.deepEqual([cmd, ...args], ["/usr/libexec/podman/quadlet", "-dryrun", "-user"]);
      for await (const e of Deno.readDir(dir)) seen[e.name] = await Deno.readTextFile(`${dir}/${e.name}`);
      return run({ stderr: `quadlet-generator[9]: Loading source unit file ${dir}/web.container\n` });
    };
    const store = fakeStore(ok([{ file: "media.network", content: "[Network]\n" }]));
    const op = createQuadletValidate({
      store,
      generator: { runner, generator: "/usr/libexec/podman/quadlet", fs: denoFs, workDir },
    });
    const out = await op({ units: [WEB] }, { seqStart: null, seqEnd: null });
    assert.deepEqual(out, {
      kind: "done",
      ok: true,
      output: "Accepted by the quadlet generator: web.container",
      exitCode: 0,
    });
    assert.deepEqual(seen, { "media.network": "[Network]\n", "web.container": WEB.content });
    assert.deepEqual([...store.asked[0] ?? []], ["web.container"]);
    assert.deepEqual([...Deno.readDirSync(workDir)], [], "the scratch folder is removed");
  } finally {
    await Deno.remove(workDir, { recursive: true });
  }
});

Deno.test("quadlet_validate rejects bad units before reading anything and answers 127 without a generator", async () => {
  const store = fakeStore(ok([]));
  const op = createQuadletValidate({ store, generator: null });
  const trace = { seqStart: null, seqEnd: null };
  assert.deepEqual(await op({ units: [{ ...WEB, type: "../x" }] }, trace), {
    kind: "rejected",
    error: 'Invalid argument "units[0].type": "../x" is not one of container, pod, network, volume, kube, ' +
      "image, build",
  });
  assert.deepEqual(await op({ units: [WEB] }, trace), {
    kind: "done",
    ok: false,
    output: NO_GENERATOR_MESSAGE,
    exitCode: NO_GENERATOR_EXIT_CODE,
  });
  assert.equal(store.asked.length, 0);
});

Deno.test("quadlet_validate reports a refused quadlet folder as a failed op", async () => {
  const runner: Runner = () => Promise.reject(new Error("must not run"));
  const op = createQuadletValidate({
    store: fakeStore(err({ kind: "refused", message: 'Quadlet folder "/q" is not a real directory' })),
    generator: { runner, generator: "/q/quadlet", fs: denoFs, workDir: "/nonexistent" },
  });
  assert.deepEqual(await op({ units: [WEB] }, { seqStart: null, seqEnd: null }), {
    kind: "done",
    ok: false,
    output: 'Quadlet folder "/q" is not a real directory',
    exitCode: 1,
  });
});

Deno.test("validateQuadletUnits() never throws on arbitrary input and always names a units field", () => {
  const entry = fc.oneof(
    fc.anything(),
    fc.record({ name: fc.anything(), type: fc.anything(), content: fc.anything() }),
    fc.dictionary(fc.string(), fc.anything()),
  );
  fc.assert(fc.property(fc.oneof(fc.anything(), fc.array(entry, { maxLength: 5 })), (value) => {
    const result = validateQuadletUnits(value);
    if (!result.ok) {
      assert.match(result.error, /^Invalid argument "units(\[\d+\](\.(name|type|content))?)?": /);
    }
  }));
});
