/** quadlet_validate through the real helper (started by start.sh, as it ships) and the real generator 5.4.2. */
import assert from "node:assert/strict";
import { helperDirs, startHelper } from "./helper_process.ts";

const WEB = "[Container]\nImage=localhost/busybox:test\nExec=sleep 3600\n";

Deno.test("quadlet_validate accepts a good set, candidates referencing each other, and writes nothing", async () => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  const res = await helper.command("quadlet_validate", {
    units: [
      { name: "web", type: "container", content: `${WEB}Network=media.network\nVolume=data.volume:/data\n` },
      { name: "media", type: "network", content: "[Network]\n" },
      { name: "data", type: "volume", content: "[Volume]\n" },
    ],
  });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, {
    ok: true,
    output: "Accepted by the quadlet generator: web.container, media.network, data.volume",
    exit_code: 0,
  });
  assert.deepEqual([...Deno.readDirSync(dirs.quadletDir)], []);
  const runDir = [...Deno.readDirSync(`${dirs.root}/run`)].map((e) => e.name);
  assert.deepEqual(runDir, ["arr-helper.sock"], "the scratch folder is gone");
  const [audit] = await helper.audit(1);
  assert.equal(audit?.op, "quadlet_validate");
  assert.deepEqual(audit?.args, { units_count: 3 });
});

Deno.test("quadlet_validate fails a set with an unsupported key with the generator's message naming the file", async () => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  const res = await helper.command("quadlet_validate", {
    units: [
      { name: "good", type: "container", content: WEB },
      { name: "bad", type: "container", content: `${WEB}FooBar=1\n` },
    ],
  });
  assert.equal(res.status, 200);
  assert.equal(res.body.ok, false);
  assert.equal(res.body.exit_code, 1);
  assert.equal(
    res.body.output,
    "Rejected by the quadlet generator: bad.container\n" +
      "converting \"bad.container\": unsupported key 'FooBar' in group 'Container' in bad.container",
  );
});

Deno.test("quadlet_validate checks candidates beside installed units, a candidate replacing its installed version", async () => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  await helper.command("quadlet_write", { name: "media", type: "network", content: "[Network]\n" });
  await helper.command("quadlet_write", { name: "web", type: "container", content: WEB });
  // The candidate uses the installed network; the installed web.container is replaced by the candidate.
  const uses = await helper.command("quadlet_validate", {
    units: [{ name: "web", type: "container", content: `${WEB}Network=media.network\n` }],
  });
  assert.equal(uses.body.ok, true, String(uses.body.output));
  const broken = await helper.command("quadlet_validate", {
    units: [{ name: "web", type: "container", content: "[Container]\nExec=true\n" }],
  });
  assert.equal(broken.body.ok, false);
  assert.match(String(broken.body.output), /converting "web\.container": no Image or Rootfs key specified/);
  const missing = await helper.command("quadlet_validate", {
    units: [{ name: "app", type: "container", content: `${WEB}Network=other.network\n` }],
  });
  assert.equal(missing.body.ok, false);
  assert.match(String(missing.body.output), /requested Quadlet unit other\.network was not found/);
  assert.equal(await Deno.readTextFile(`${dirs.quadletDir}/web.container`), WEB);
});

Deno.test("quadlet_validate rejects bad units with 400 naming the field", async () => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  const res = await helper.command("quadlet_validate", {
    units: [{ name: "web", type: "container", content: WEB }, {
      name: "../x",
      type: "container",
      content: WEB,
    }],
  });
  assert.equal(res.status, 400);
  assert.match(String(res.body.error), /^Invalid argument "units\[1\]\.name": "\.\.\/x" must match/);
});

Deno.test("quadlet_validate answers 127 with a clear message when the host has no generator", async () => {
  await using dirs = await helperDirs();
  // No ARR_QUADLET_GENERATOR and a PATH without the testbed's bin: start.sh finds no generator.
  await using helper = await startHelper(dirs, {
    ARR_QUADLET_GENERATOR: "",
    PATH: `${dirs.binDir}:/usr/local/bin:/usr/bin:/bin`,
  });
  const res = await helper.command("quadlet_validate", {
    units: [{ name: "web", type: "container", content: WEB }],
  });
  assert.deepEqual(res.body, {
    ok: false,
    output: "Not validated: no quadlet generator on this host",
    exit_code: 127,
  });
});
