/**
 * Where the encrypted credentials file lives. A small interface so the store can run on a memory buffer in tests
 * and on a real 0600 file in production.
 */
import { writeFileAtomic } from "../../../shared/atomic_write.ts";
export interface CredentialStorage {
  /** The stored bytes, or null when nothing was stored yet. */
  read(): Promise<Uint8Array | null>;
  /** Replaces the stored bytes in one step (never a half-written state). */
  write(bytes: Uint8Array): Promise<void>;
  /** Human-readable location for messages, e.g. the file path. */
  readonly location: string;
}

export class MemoryCredentialStorage implements CredentialStorage {
  readonly location = "memory";
  bytes: Uint8Array | null = null;
  writes = 0;

  read(): Promise<Uint8Array | null> {
    return Promise.resolve(this.bytes ? this.bytes.slice() : null);
  }

  write(bytes: Uint8Array): Promise<void> {
    this.bytes = bytes.slice();
    this.writes++;
    return Promise.resolve();
  }
}

/**
 * A file written atomically: a 0600 temp file in the same directory, fsync, then rename over the target, so a
 * reader (or another process) sees either the old or the new file, never a torn one.
 */
export class FileCredentialStorage implements CredentialStorage {
  constructor(readonly location: string) {}

  async read(): Promise<Uint8Array | null> {
    try {
      return await Deno.readFile(this.location);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return null;
      throw e;
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    const dir = this.location.slice(0, this.location.lastIndexOf("/")) || "/";
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.location, bytes, { mode: 0o600 });
  }
}
