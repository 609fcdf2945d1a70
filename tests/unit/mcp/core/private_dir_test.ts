import assert from "node:assert/strict";
import { describeTightening, makeDataDirPrivate } from "../../../../mcp/core/private_dir.ts";

const modeOf = async (path: string) => (await Deno.lstat(path)).mode! & 0o777;

Deno.test("makeDataDirPrivate() tightens an existing loose data dir and its files, and says so in one line", async () => {
  const base = await Deno.makeTempDir({ prefix: "arr-private-" });
  try {
    const dir = `${base}/data`;
    await Deno.mkdir(dir);
    await Deno.chmod(dir, 0o755);
    await Deno.writeTextFile(`${dir}/audit.db`, "");
    await Deno.chmod(`${dir}/audit.db`, 0o644);
    await Deno.writeTextFile(`${dir}/api-key`, "k");
    await Deno.chmod(`${dir}/api-key`, 0o600);
    await Deno.mkdir(`${dir}/old`, { mode: 0o750 });
    await Deno.chmod(`${dir}/old`, 0o750);
    await Deno.writeTextFile(`${base}/elsewhere`, "");
    await Deno.chmod(`${base}/elsewhere`, 0o644);
    await Deno.symlink(`${base}/elsewhere`, `${dir}/link`);

    const result = await makeDataDirPrivate(dir);
    assert.equal(await modeOf(dir), 0o700);
    assert.equal(await modeOf(`${dir}/audit.db`), 0o600);
    assert.equal(await modeOf(`${dir}/api-key`), 0o600);
    assert.equal(await modeOf(`${dir}/old`), 0o700);
    assert.equal(await modeOf(`${base}/elsewhere`), 0o644, "a symlink's target is not touched");
    const line = describeTightening(dir, result) ?? "";
    assert.match(line, new RegExp(`^arr-mcp: the data dir "${dir}" was not private: tightened `));
    for (const part of ["the folder 0755 → 0700", "audit.db 0644 → 0600", "old 0750 → 0700"]) {
      assert.ok(line.includes(part), `${part} in ${line}`);
    }
    assert.ok(!line.includes("api-key") && !line.includes("link"), line);

    assert.equal(describeTightening(dir, await makeDataDirPrivate(dir)), undefined, "nothing left to change");
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("makeDataDirPrivate() creates a missing data dir 0700", async () => {
  const base = await Deno.makeTempDir({ prefix: "arr-private-" });
  try {
    const result = await makeDataDirPrivate(`${base}/a/b`);
    assert.equal(await modeOf(`${base}/a/b`), 0o700);
    assert.equal(describeTightening(`${base}/a/b`, result), undefined);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("describeTightening() reports what could not be changed", () => {
  const line = describeTightening("/d", {
    changed: [],
    failed: [{ path: "/d/x", message: "Operation not permitted" }],
  });
  assert.equal(
    line,
    'arr-mcp: the data dir "/d" was not private: could not tighten x (Operation not permitted)',
  );
});
