import { CredentialStore } from "../../../../../mcp/clients/media/credentials.ts";
import {
  type CredentialStorage,
  FileCredentialStorage,
  MemoryCredentialStorage,
} from "../../../../../mcp/clients/media/credential_storage.ts";
import { resolveCredentialSecret } from "../../../../../mcp/clients/media/credential_secret.ts";
import { assert, assertEquals, assertErr, assertOk } from "./_result_assert.ts";

interface Envelope {
  cipher: { data: string; iv: string };
  kdf: { salt: string };
}

// Low iteration count keeps tests fast; one test below uses the production default.
const FAST = 1_000;

function store<S extends CredentialStorage = MemoryCredentialStorage>(
  storage: S = new MemoryCredentialStorage() as unknown as S,
  secret = "correct horse battery staple",
  env = {},
) {
  return { storage, store: new CredentialStore({ storage, secret, env, iterations: FAST }) };
}

Deno.test("CredentialStore round-trips credentials through the encrypted file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/credentials.json`;
    const first = store(new FileCredentialStorage(path)).store;
    assertOk(await first.set("sonarr", { apiKey: "sonarr-key-1234" }));
    assertOk(await first.set("qbittorrent", { username: "admin", password: "p4ss word" }));
    const raw = await Deno.readTextFile(path);
    assert(!raw.includes("sonarr-key-1234") && !raw.includes("p4ss word"), "file must not hold plaintext");
    const second = store(new FileCredentialStorage(path)).store;
    const sonarr = await second.get("sonarr");
    assertOk(sonarr);
    assertEquals(sonarr.value, { apiKey: "sonarr-key-1234", source: "store" });
    const qbit = await second.get("qbittorrent");
    assertOk(qbit);
    assertEquals(qbit.value?.password, "p4ss word");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("CredentialStore writes the file with mode 0600 and no temp files left", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/credentials.json`;
    const { store: s } = store(new FileCredentialStorage(path));
    assertOk(await s.set("plex", { token: "plex-token-abc" }));
    assertOk(await s.set("sonarr", { apiKey: "k-123456" }));
    assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);
    const names = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    assertEquals(names, ["credentials.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("CredentialStore refuses a wrong secret and leaves the file untouched", async () => {
  const { storage, store: good } = store();
  assertOk(await good.set("radarr", { apiKey: "radarr-key-1" }));
  const before = storage.bytes!.slice();
  const bad = new CredentialStore({ storage, secret: "not the secret", iterations: FAST });
  const read = await bad.get("radarr");
  assertErr(read);
  assertEquals(read.error.kind, "wrong_secret");
  assert(read.error.message.includes("ARR_MCP_SECRET"));
  const write = await bad.set("sonarr", { apiKey: "other-key" });
  assertErr(write);
  assertEquals(write.error.kind, "wrong_secret");
  assertEquals(storage.bytes, before);
  assertEquals(storage.writes, 1);
});

Deno.test("CredentialStore detects tampering with the ciphertext or the header", async (t) => {
  for (
    const [what, edit] of [
      ["ciphertext", (e: Envelope) => {
        const data = atob(e.cipher.data);
        e.cipher.data = btoa(String.fromCharCode(data.charCodeAt(0) ^ 1) + data.slice(1));
      }],
      ["iv", (e: Envelope) => {
        e.cipher.iv = btoa("\x00".repeat(12));
      }],
      ["salt", (e: Envelope) => {
        e.kdf.salt = btoa("\x01".repeat(16));
      }],
    ] as const
  ) {
    await t.step(what, async () => {
      const { storage, store: s } = store();
      assertOk(await s.set("sonarr", { apiKey: "sonarr-key-1" }));
      const envelope = JSON.parse(new TextDecoder().decode(storage.bytes!));
      edit(envelope);
      storage.bytes = new TextEncoder().encode(JSON.stringify(envelope));
      const tampered = storage.bytes.slice();
      const fresh = new CredentialStore({
        storage,
        secret: "correct horse battery staple",
        iterations: FAST,
      });
      const read = await fresh.get("sonarr");
      assertErr(read);
      assert(["tampered", "wrong_secret"].includes(read.error.kind), read.error.kind);
      if (what !== "salt") assertEquals(read.error.kind, "tampered");
      assertErr(await fresh.delete("sonarr"));
      assertEquals(storage.bytes, tampered);
    });
  }
  await t.step("not JSON", async () => {
    const storage = new MemoryCredentialStorage();
    storage.bytes = new TextEncoder().encode("garbage");
    const read = await new CredentialStore({ storage, secret: "x", iterations: FAST }).list();
    assertErr(read);
    assertEquals(read.error.kind, "corrupt");
  });
});

Deno.test("CredentialStore serialises concurrent writes so none is lost", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/credentials.json`;
    const { store: s } = store(new FileCredentialStorage(path));
    const services = ["sonarr", "radarr", "prowlarr", "lidarr", "sabnzbd"] as const;
    const results = await Promise.all(services.map((name, i) => s.set(name, { apiKey: `key-${name}-${i}` })));
    assert(results.every((r) => r.ok));
    const reread = store(new FileCredentialStorage(path)).store;
    for (const [i, name] of services.entries()) {
      const got = await reread.get(name);
      assertOk(got);
      assertEquals(got.value?.apiKey, `key-${name}-${i}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("CredentialStore lets env variables win and lists sources without values", async () => {
  const { store: s } = store(undefined, undefined, {
    SONARR_API_KEY: "env-sonarr-key",
    QBITTORRENT_USERNAME: "admin",
    QBITTORRENT_PASSWORD: "env-pass",
  });
  assertOk(await s.set("sonarr", { apiKey: "stored-key" }));
  assertOk(await s.set("plex", { token: "stored-token" }));
  const sonarr = await s.get("sonarr");
  assertOk(sonarr);
  assertEquals(sonarr.value, { apiKey: "env-sonarr-key", source: "env" });
  const list = await s.list();
  assertOk(list);
  const text = JSON.stringify(list.value);
  for (const secret of ["env-sonarr-key", "stored-key", "stored-token", "env-pass"]) {
    assert(!text.includes(secret));
  }
  const by = Object.fromEntries(list.value.map((i) => [i.service, i]));
  assertEquals(by.sonarr?.source, "env");
  assertEquals(by.sonarr?.shadowed, true);
  assertEquals(by.plex?.source, "store");
  assertEquals(by.qbittorrent?.source, "env");
  assertEquals(by.qbittorrent?.fields, ["password", "username"]);
  assertEquals(by.radarr?.source, "none");
});

Deno.test("CredentialStore.set() rejects incomplete or wrong-shaped credentials naming the field", async () => {
  const { store: s, storage } = store();
  const partial = await s.set("qbittorrent", { username: "admin" });
  assertErr(partial);
  assertEquals(partial.error.kind, "invalid");
  assert(partial.error.message.includes("username + password"), partial.error.message);
  const empty = await s.set("sonarr", { apiKey: "  " });
  assertErr(empty);
  assert(empty.error.message.includes("apiKey"));
  const wrong = await s.set("plex", { apiKey: "abc12345" });
  assertErr(wrong);
  assertEquals(storage.writes, 0);
});

Deno.test("CredentialStore.delete() answers whether something was removed", async () => {
  const { store: s } = store();
  assertOk(await s.set("sabnzbd", { apiKey: "sab-key-123" }));
  const first = await s.delete("sabnzbd");
  assertOk(first);
  assertEquals(first.value.deleted, true);
  const second = await s.delete("sabnzbd");
  assertOk(second);
  assertEquals(second.value.deleted, false);
  const gone = await s.get("sabnzbd");
  assertOk(gone);
  assertEquals(gone.value, undefined);
});

Deno.test("CredentialStore works with the default PBKDF2 iteration count", async () => {
  const storage = new MemoryCredentialStorage();
  const s = new CredentialStore({ storage, secret: "s3cret passphrase" });
  assertOk(await s.set("sonarr", { apiKey: "k-default-1" }));
  const envelope = JSON.parse(new TextDecoder().decode(storage.bytes!));
  assertEquals(envelope.kdf.iterations, 600_000);
  const got = await new CredentialStore({ storage, secret: "s3cret passphrase" }).get("sonarr");
  assertOk(got);
  assertEquals(got.value?.apiKey, "k-default-1");
});

Deno.test("resolveCredentialSecret() prefers ARR_MCP_SECRET, else generates one 0600 file and reuses it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assertEquals((await resolveCredentialSecret({ ARR_MCP_SECRET: " from-env " }, dir)).source, "env");
    const [a, b] = await Promise.all([resolveCredentialSecret({}, dir), resolveCredentialSecret({}, dir)]);
    assertEquals(a.secret, b.secret);
    assertEquals([a.source, b.source].sort(), ["file", "generated-file"]);
    assert(a.secret.length >= 40);
    assertEquals((await Deno.stat(`${dir}/credentials.secret`)).mode! & 0o777, 0o600);
    const again = await resolveCredentialSecret({}, dir);
    assertEquals(again, { secret: a.secret, source: "file", path: `${dir}/credentials.secret` });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("CredentialStore holds Plex accounts' own tokens as plex_user:<account>, listed by name only", async () => {
  const { store: s } = store(new MemoryCredentialStorage(), "secret", { PLEX_TOKEN: "owner-token-0123" });
  assertOk(await s.set("plex_user:Kid", { token: "kid-token-0123456789" }));
  assertOk(await s.set("plex_user:Gran Ma", { token: "gran-token-0123456789" }));
  const tokens = await s.plexUserTokens();
  assertOk(tokens);
  assertEquals(tokens.value.map((t) => t.account).sort(), ["Gran Ma", "Kid"]);
  const list = await s.list();
  assertOk(list);
  const kid = list.value.find((i) => i.service === "plex_user:Kid");
  assertEquals(kid, {
    service: "plex_user:Kid",
    source: "store",
    fields: ["token"],
    envVars: [],
    shadowed: false,
  });
  assert(!JSON.stringify(list.value).includes("kid-token"), "never a value");
  // One token, nothing else; PLEX_TOKEN is the owner's and never stands in for an account's.
  assertErr(await s.set("plex_user:Kid", { apiKey: "k-0123456789" }));
  const got = await s.get("plex_user:Kid");
  assertOk(got);
  assertEquals(got.value, { token: "kid-token-0123456789", source: "store" });
  assertEquals(await s.delete("plex_user:Kid"), { ok: true, value: { deleted: true } });
  const after = await s.plexUserTokens();
  assertOk(after);
  assertEquals(after.value.map((t) => t.account), ["Gran Ma"]);
});
