/**
 * CredentialStore: service credentials in one AES-256-GCM encrypted JSON file (credential_crypto.ts), with
 * environment variables taking precedence over stored values.
 *
 * Concurrency: writes are serialised in-process through one promise chain and each write re-reads the file, so
 * concurrent `set`/`delete` calls never lose each other's changes. Across processes the atomic rename keeps the
 * file whole, but two processes writing at the same moment can lose one update (last writer wins); run one
 * arr-mcp per data dir.
 *
 * Failure safety: when the file cannot be decrypted (wrong secret, tampering, corruption) every read and write
 * answers that error, naming the file and the fix (credential_fault.ts), and the file is left exactly as it is.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import {
  type Credential,
  credentialEnvVars,
  credentialFromEnv,
  type CredentialName,
  isServiceName,
  plexUserOf,
  SERVICE_NAMES,
  validateCredential,
} from "./credential_fields.ts";
import {
  type CredentialCryptoErrorKind,
  decryptJson,
  DEFAULT_PBKDF2_ITERATIONS,
  type DerivedKey,
  deriveKey,
  encryptJson,
  newSalt,
  readKdfParams,
} from "./credential_crypto.ts";
import type { CredentialStorage } from "./credential_storage.ts";
import { credentialFault, faultDetail } from "./credential_fault.ts";

export interface CredentialStoreError {
  kind: CredentialCryptoErrorKind | "invalid" | "io";
  message: string;
}

export type CredentialSource = "env" | "store" | "none";

export interface CredentialInfo {
  service: CredentialName;
  source: CredentialSource;
  /** Field names only (never values). */
  fields: string[];
  /** Env variables that override the stored value. */
  envVars: string[];
  /** True when both env and the store hold one (env wins). */
  shadowed: boolean;
}

export interface CredentialStoreOptions {
  storage: CredentialStorage;
  secret: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** For new files. @default 600000 */
  iterations?: number;
}

interface FileContent {
  credentials: Partial<Record<CredentialName, Credential>>;
}

export class CredentialStore {
  readonly #storage: CredentialStorage;
  readonly #secret: string;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #iterations: number;
  #key: Promise<DerivedKey> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** Salt for a file this store creates; one per store so the derived key is computed once. */
  readonly #freshSalt = newSalt();

  constructor(options: CredentialStoreOptions) {
    if (!options.secret) throw new Error("Cannot create credential store: secret is empty");
    this.#storage = options.storage;
    this.#secret = options.secret;
    this.#env = options.env ?? {};
    this.#iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  }

  get location(): string {
    return this.#storage.location;
  }

  /** The credential to use: env variables first, then the file; undefined when neither has one. */
  async get(
    service: CredentialName,
  ): Promise<Result<(Credential & { source: CredentialSource }) | undefined, CredentialStoreError>> {
    const fromEnv = credentialFromEnv(service, this.#env);
    if (fromEnv) return ok({ ...fromEnv.credential, source: "env" });
    const content = await this.#load();
    if (!content.ok) return content;
    const stored = content.value.credentials[service];
    return ok(stored ? { ...stored, source: "store" } : undefined);
  }

  /** Names, field names and sources for every known service and stored Plex account token; never values. */
  async list(): Promise<Result<CredentialInfo[], CredentialStoreError>> {
    const content = await this.#load();
    if (!content.ok) return content;
    const plexUsers = (Object.keys(content.value.credentials) as CredentialName[])
      .filter((name) => !isServiceName(name)).sort();
    return ok([...SERVICE_NAMES, ...plexUsers].map((service) => {
      const fromEnv = credentialFromEnv(service, this.#env);
      const stored = content.value.credentials[service];
      const fields = Object.keys(fromEnv?.credential ?? stored ?? {}).sort();
      return {
        service,
        source: fromEnv ? "env" : stored ? "store" : "none",
        fields,
        envVars: credentialEnvVars(service),
        shadowed: fromEnv !== undefined && stored !== undefined,
      };
    }));
  }

  /** Plex accounts' own tokens (`plex_user:<account>`), stored ones only. */
  async plexUserTokens(): Promise<Result<{ account: string; token: string }[], CredentialStoreError>> {
    const content = await this.#load();
    if (!content.ok) return content;
    return ok(
      Object.entries(content.value.credentials).flatMap(([name, credential]) => {
        const account = plexUserOf(name as CredentialName);
        return account === undefined || !credential?.token ? [] : [{ account, token: credential.token }];
      }),
    );
  }

  set(service: CredentialName, credential: Credential): Promise<Result<void, CredentialStoreError>> {
    const invalid = validateCredential(service, credential);
    if (invalid) return Promise.resolve(err({ kind: "invalid", message: invalid }));
    return this.#update((content) => {
      content.credentials[service] = { ...credential };
      return true;
    });
  }

  /** Removes a stored credential; answers whether one was there. Env variables are not affected. */
  async delete(service: CredentialName): Promise<Result<{ deleted: boolean }, CredentialStoreError>> {
    let deleted = false;
    const result = await this.#update((content) => {
      deleted = content.credentials[service] !== undefined;
      delete content.credentials[service];
      return deleted;
    });
    return result.ok ? ok({ deleted }) : result;
  }

  /** Read-modify-write under the in-process lock; `change` returns false when nothing needs writing. */
  #update(change: (content: FileContent) => boolean): Promise<Result<void, CredentialStoreError>> {
    const run = async (): Promise<Result<void, CredentialStoreError>> => {
      const loaded = await this.#loadWithKey();
      if (!loaded.ok) return loaded;
      const { content, key } = loaded.value;
      if (!change(content) || !key) return ok(undefined);
      try {
        await this.#storage.write(await encryptJson(key, content));
        return ok(undefined);
      } catch (e) {
        return err({
          kind: "io",
          message: `Cannot write credentials "${this.location}": ${(e as Error).message}`,
        });
      }
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => {});
    return next;
  }

  async #load(): Promise<Result<FileContent, CredentialStoreError>> {
    const loaded = await this.#loadWithKey(false);
    return loaded.ok ? ok(loaded.value.content) : loaded;
  }

  async #loadWithKey(
    needKey = true,
  ): Promise<Result<{ content: FileContent; key: DerivedKey | undefined }, CredentialStoreError>> {
    let bytes: Uint8Array | null;
    try {
      bytes = await this.#storage.read();
    } catch (e) {
      return err({ kind: "io", message: credentialFault("io", this.location, (e as Error).message) });
    }
    if (bytes === null) {
      const key = needKey ? await this.#keyFor(this.#freshSalt, this.#iterations) : undefined;
      return ok({ content: { credentials: {} }, key });
    }
    const fault = (e: { kind: CredentialCryptoErrorKind; message: string }) =>
      err({ kind: e.kind, message: credentialFault(e.kind, this.location, faultDetail(e.message)) });
    const params = readKdfParams(bytes);
    if (!params.ok) return fault(params.error);
    const key = await this.#keyFor(params.value.salt, params.value.iterations);
    const plain = await decryptJson(key, bytes);
    if (!plain.ok) return fault(plain.error);
    const content = plain.value as Partial<FileContent> | null;
    if (!content || typeof content.credentials !== "object" || content.credentials === null) {
      return fault({ kind: "corrupt", message: '"credentials" is missing' });
    }
    return ok({ content: { credentials: content.credentials }, key });
  }

  /** PBKDF2 is slow on purpose: derive once per salt and keep it. */
  #keyFor(salt: string, iterations: number): Promise<DerivedKey> {
    const cached = this.#key;
    if (cached) {
      return cached.then((key) =>
        key.salt === salt && key.iterations === iterations ? key : this.#derive(salt, iterations)
      );
    }
    return this.#derive(salt, iterations);
  }

  #derive(salt: string, iterations: number): Promise<DerivedKey> {
    const key = deriveKey(this.#secret, salt, iterations);
    this.#key = key;
    return key;
  }
}
