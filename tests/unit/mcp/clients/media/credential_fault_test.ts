import assert from "node:assert/strict";
import { CredentialStore } from "../../../../../mcp/clients/media/credentials.ts";
import { FileCredentialStorage } from "../../../../../mcp/clients/media/credential_storage.ts";
import { createMediaServices } from "../../../../../mcp/clients/media/media_services.ts";

async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "arr-cred-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const store = (path: string, secret = "correct horse battery staple") =>
  new CredentialStore({ storage: new FileCredentialStorage(path), secret, iterations: 1_000 });

Deno.test("a corrupt credential store names the file and the fix, and is left as it is", async () => {
  await inTempDir(async (dir) => {
    const path = `${dir}/credentials.json`;
    await Deno.writeTextFile(path, "{ not json");
    const s = store(path);
    for (const result of [await s.list(), await s.set("sonarr", { apiKey: "k-1234567890" })]) {
      assert.equal(result.ok, false);
      if (result.ok) continue;
      assert.equal(result.error.kind, "corrupt");
      assert.equal(
        result.error.message,
        `Cannot use the credential store "${path}": not JSON. It was left as it is. Fix: restore it from a ` +
          "backup, or move it aside and store the credentials again with credential_set (or the *_API_KEY " +
          "variables)",
      );
    }
    assert.equal(await Deno.readTextFile(path), "{ not json");
  });
});

Deno.test("a credential store written with another secret names the file and the secret to use", async () => {
  await inTempDir(async (dir) => {
    const path = `${dir}/credentials.json`;
    assert.ok((await store(path, "first secret").set("plex", { token: "t-1234567890" })).ok);
    const before = await Deno.readTextFile(path);
    const result = await store(path, "second secret").get("plex");
    assert.ok(!result.ok);
    assert.equal(result.error.kind, "wrong_secret");
    assert.ok(result.error.message.startsWith(`Cannot use the credential store "${path}": ARR_MCP_SECRET`));
    assert.match(
      result.error.message,
      /Fix: start arr-mcp with the ARR_MCP_SECRET the file was written with/,
    );
    assert.equal(await Deno.readTextFile(path), before);
  });
});

Deno.test("an unreadable credential store names the file and the fix", async () => {
  await inTempDir(async (dir) => {
    const path = `${dir}/credentials.json`;
    await Deno.mkdir(path); // reading a folder fails like an unreadable file
    const result = await store(path).list();
    assert.ok(!result.ok);
    assert.equal(result.error.kind, "io");
    assert.ok(result.error.message.startsWith(`Cannot use the credential store "${path}": `));
    assert.ok(
      result.error.message.endsWith(
        "Fix: make it readable and writable by the user arr-mcp runs as (mode 0600)",
      ),
    );
  });
});

Deno.test("createMediaServices() reports a corrupt credential store at startup in one line", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/credentials.json`, "garbage");
    const lines: string[] = [];
    const media = await createMediaServices({
      env: { ARR_MCP_SECRET: "a secret for this test" },
      dataDir: dir,
      stacksDir: dir,
      runtime: undefined,
      fetch: () => Promise.reject(new Error("no network in this test")),
      log: (line) => lines.push(line),
    });
    await media.checked;
    assert.deepEqual(lines, [
      `arr-mcp: Cannot use the credential store "${dir}/credentials.json": not JSON. It was left as it is. ` +
      "Fix: restore it from a backup, or move it aside and store the credentials again with credential_set " +
      "(or the *_API_KEY variables)",
    ]);
    assert.equal(await Deno.readTextFile(`${dir}/credentials.json`), "garbage");
  });
});
