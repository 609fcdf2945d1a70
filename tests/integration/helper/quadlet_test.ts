import assert from "node:assert/strict";
import { testbed } from "../../testbed/testbed.ts";
import { QuadletListEntry } from "../../../shared/helper_protocol.ts";
import { helperDirs, startHelper } from "./helper_process.ts";

const WEB = "[Container]\nImage=localhost/busybox:test\nExec=sleep 3600\n";

/** The units the real generator would make from a folder (what a daemon-reload would see). */
async function generatedUnits(dir: string): Promise<string[]> {
  const out = await new Deno.Command(testbed().quadletBin, {
    args: ["-dryrun", "-user"],
    env: { QUADLET_UNIT_DIRS: dir },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  return [...text.matchAll(/^---(.+)---$/gm)].map((m) => m[1] ?? "").sort();
}

Deno.test("quadlet write, read, list and delete round-trip through the real helper", async () => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  const write = await helper.command("quadlet_write", { name: "web", type: "container", content: WEB });
  assert.equal(write.body.ok, true, String(write.body.output ?? write.body.error));
  assert.match(String(write.body.output), /Validated with the quadlet generator/);
  assert.deepEqual((await helper.command("quadlet_read", { name: "web", type: "container" })).body, {
    ok: true,
    output: WEB,
    exit_code: 0,
  });
  const listed = await helper.command("quadlet_list");
  const entries = QuadletListEntry.array().parse(JSON.parse(String(listed.body.output)));
  assert.deepEqual(entries.map((e) => [e.file, e.size]), [["web.container", WEB.length]]);

  const changed = WEB.replace("3600", "60");
  assert.equal(
    (await helper.command("quadlet_write", { name: "web", type: "container", content: changed })).body.ok,
    true,
  );
  const deleted = await helper.command("quadlet_delete", { name: "web", type: "container" });
  assert.equal(deleted.body.ok, true);
  assert.deepEqual(JSON.parse(String((await helper.command("quadlet_list")).body.output)), []);

  // Both the replaced and the deleted version are kept, and the real generator does not see either.
  const kept = [...Deno.readDirSync(`${dirs.quadletDir}/.arr-helper-backup`)].map((e) => e.name).sort();
  assert.equal(kept.length, 2);
  assert.ok(kept.every((n) => n.startsWith("web.container.") && n.endsWith(".bak")), kept.join());
  assert.ok(kept.some((n) => n.endsWith(".deleted.bak")));
  assert.deepEqual(await generatedUnits(dirs.quadletDir), []);
  const contents = kept.map((n) => Deno.readTextFileSync(`${dirs.quadletDir}/.arr-helper-backup/${n}`))
    .sort();
  assert.deepEqual(contents, [WEB, changed].sort());
});

Deno.test("quadlet_write returns the generator's message and keeps the old file when it rejects content", async () => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  await helper.command("quadlet_write", { name: "web", type: "container", content: WEB });
  const bad = await helper.command("quadlet_write", {
    name: "web",
    type: "container",
    content: "[Container]\nImage=localhost/busybox:test\nFooBar=1\n",
  });
  assert.equal(bad.status, 400);
  assert.equal(
    bad.body.error,
    'Invalid argument "content": the quadlet generator rejected it: converting "web.container": ' +
      "unsupported key 'FooBar' in group 'Container' in web.container",
  );
  assert.equal(await Deno.readTextFile(`${dirs.quadletDir}/web.container`), WEB);
  const noImage = await helper.command("quadlet_write", {
    name: "x",
    type: "container",
    content: "[Container]\n",
  });
  assert.match(String(noImage.body.error), /no Image or Rootfs key specified/);
});

Deno.test("quadlet_write validates a unit against the other installed units it references", async () => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  const usesNetwork = `${WEB}Network=media.network\n`;
  const early = await helper.command("quadlet_write", {
    name: "web",
    type: "container",
    content: usesNetwork,
  });
  assert.equal(early.status, 400);
  assert.match(String(early.body.error), /requested Quadlet unit media\.network was not found/);
  assert.equal(
    (await helper.command("quadlet_write", { name: "media", type: "network", content: "[Network]\n" }))
      .body.ok,
    true,
  );
  const later = await helper.command("quadlet_write", {
    name: "web",
    type: "container",
    content: usesNetwork,
  });
  assert.equal(later.body.ok, true, String(later.body.error));
  assert.deepEqual(await generatedUnits(dirs.quadletDir), ["media-network.service", "web.service"]);
});

Deno.test("quadlet ops refuse symlink escapes and leave the outside file untouched", async () => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  const outside = `${dirs.root}/outside.txt`;
  await Deno.writeTextFile(outside, "not yours");
  await Deno.symlink(outside, `${dirs.quadletDir}/evil.container`);
  const write = await helper.command("quadlet_write", { name: "evil", type: "container", content: WEB });
  assert.deepEqual(write.body, {
    ok: false,
    output: 'Refusing "evil.container": it is a symbolic link',
    exit_code: 1,
  });
  const read = await helper.command("quadlet_read", { name: "evil", type: "container" });
  assert.equal(read.body.ok, false);
  assert.equal(await Deno.readTextFile(outside), "not yours");

  // A backup folder planted as a symlink would redirect the backup copy: refused as well.
  await helper.command("quadlet_write", { name: "web", type: "container", content: WEB });
  const elsewhere = `${dirs.root}/elsewhere`;
  await Deno.mkdir(elsewhere);
  await Deno.symlink(elsewhere, `${dirs.quadletDir}/.arr-helper-backup`);
  const overwrite = await helper.command("quadlet_write", {
    name: "web",
    type: "container",
    content: `${WEB}#x\n`,
  });
  assert.equal(overwrite.body.ok, false);
  assert.match(String(overwrite.body.output), /\.arr-helper-backup" is not a real directory/);
  assert.deepEqual([...Deno.readDirSync(elsewhere)], []);
  assert.equal(await Deno.readTextFile(`${dirs.quadletDir}/web.container`), WEB);
});

Deno.test("quadlet ops reject traversal in name and type before touching files", async () => {
  await using dirs = await helperDirs();
  await using helper = await startHelper(dirs);
  const cases: Array<[Record<string, unknown>, string]> = [
    [
      { name: "../../evil", type: "container", content: WEB },
      'Invalid argument "name": "../../evil" must match',
    ],
    [{ name: "web", type: "../container", content: WEB }, 'Invalid argument "type": "../container" is not'],
    [
      { name: "web", type: "container", content: 42 },
      'Invalid argument "content": expected a string, got number',
    ],
    [
      { name: "web", type: "container", content: "x".repeat(70_000) },
      'Invalid argument "content": value is 70000',
    ],
  ];
  for (const [args, error] of cases) {
    const res = await helper.command("quadlet_write", args);
    assert.equal(res.status, 400);
    assert.ok(String(res.body.error).startsWith(error), String(res.body.error));
  }
  assert.deepEqual([...Deno.readDirSync(dirs.quadletDir)], []);
});
