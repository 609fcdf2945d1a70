/**
 * Where the encryption secret comes from. ARR_MCP_SECRET wins. Without it a random 256-bit secret is generated
 * once into `<dataDir>/credentials.secret` (0600, created exclusively so two processes cannot both create one)
 * and reused; there is never a built-in default secret. Anyone who can read the data dir can then decrypt the
 * credentials, so setting ARR_MCP_SECRET (kept outside the data dir) is the stronger setup.
 */
export interface ResolvedSecret {
  secret: string;
  source: "env" | "generated-file" | "file";
  /** Path of the secret file when it came from one. */
  path?: string;
}

export async function resolveCredentialSecret(
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): Promise<ResolvedSecret> {
  const fromEnv = env.ARR_MCP_SECRET?.trim();
  if (fromEnv) return { secret: fromEnv, source: "env" };
  const path = `${dataDir.replace(/\/+$/, "")}/credentials.secret`;
  const existing = await readSecretFile(path);
  if (existing) return { secret: existing, source: "file", path };
  await Deno.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secret = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
  // Written to a temp file first and hard-linked into place: the link either appears complete or fails with
  // AlreadyExists, so a concurrent process never reads a half-written secret.
  const temp = `${path}.tmp-${crypto.randomUUID()}`;
  const file = await Deno.open(temp, { write: true, createNew: true, mode: 0o600 });
  try {
    await Deno.chmod(temp, 0o600);
    await file.write(new TextEncoder().encode(secret + "\n"));
    await file.sync();
  } finally {
    file.close();
  }
  try {
    await Deno.link(temp, path);
    return { secret, source: "generated-file", path };
  } catch (e) {
    if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
    const theirs = await readSecretFile(path);
    if (!theirs) throw new Error(`Cannot read credentials secret "${path}": file is empty`);
    return { secret: theirs, source: "file", path };
  } finally {
    await Deno.remove(temp).catch(() => {});
  }
}

async function readSecretFile(path: string): Promise<string | undefined> {
  try {
    const text = (await Deno.readTextFile(path)).trim();
    return text.length > 0 ? text : undefined;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}
