/** Shared pieces of the file tools: the allowed roots, limits, and turning thrown errors into tool failures. */
import type { Config } from "../core/config.ts";
import { FsError, fsErrorKind } from "../fs/fs_error.ts";
import type { ScopeRoot } from "../fs/scope.ts";
import type { ToolOutcome } from "./define_tool.ts";

/** Largest text file_read returns per call and file_write accepts. */
export const MAX_READ_BYTES = 1024 * 1024;
export const DEFAULT_READ_BYTES = 64 * 1024;
export const MAX_WRITE_BYTES = 1024 * 1024;
/** Redacted views are built from the whole file, so only files up to this size get one. */
export const MAX_REDACTED_VIEW_BYTES = 1024 * 1024;

/** What the file tools may reach: the stacks dir, the media dir and every log dir. */
export function fileRoots(config: Pick<Config, "stacksDir" | "mediaDir" | "logDirs">): ScopeRoot[] {
  return [
    { label: "stacks", path: config.stacksDir },
    { label: "media", path: config.mediaDir },
    ...config.logDirs.map((path) => ({ label: "logs", path })),
  ];
}

/** Only the log dirs: what log_read and log_search may open. */
export function logRoots(config: Pick<Config, "logDirs">): ScopeRoot[] {
  return config.logDirs.map((path) => ({ label: "logs", path }));
}

/** Runs a file operation; an FsError (or a Deno not-found/permission error) becomes a tool failure. */
export async function fsOutcome<T>(op: () => Promise<T>): Promise<ToolOutcome<T>> {
  try {
    return { ok: true, value: await op() };
  } catch (e) {
    const kind = fsErrorKind(e);
    if (kind === undefined) throw e;
    return { ok: false, error: { kind, message: (e as Error).message } };
  }
}

export function refuse(kind: FsError["kind"], message: string): never {
  throw new FsError(kind, message);
}
