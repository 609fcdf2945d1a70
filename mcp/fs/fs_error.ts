import { err, ok, type Result } from "../../shared/result.ts";

/** Stable reasons a file operation is refused; tools pass `kind` through as the tool error's kind. */
export type FsErrorKind =
  | "invalid_path"
  | "outside_scope"
  | "not_found"
  | "permission_denied"
  | "protected"
  | "not_owned"
  | "binary"
  | "too_large"
  | "conflict"
  | "invalid_pattern"
  | "io";

export class FsError extends Error {
  readonly kind: FsErrorKind;
  constructor(kind: FsErrorKind, message: string) {
    super(message);
    this.name = "FsError";
    this.kind = kind;
  }
}

export interface FsFailure {
  kind: FsErrorKind;
  message: string;
}

/** The kind of any thrown value: an FsError's own kind, else a Deno error mapped, else undefined. */
export function fsErrorKind(e: unknown): FsErrorKind | undefined {
  if (e instanceof FsError) return e.kind;
  if (e instanceof Deno.errors.NotFound) return "not_found";
  if (e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotCapable) {
    return "permission_denied";
  }
  return undefined;
}

/** Runs a file operation; a refusal (FsError, or a Deno not-found/permission error) becomes a failure. */
export async function fsAttempt<T>(op: () => Promise<T>): Promise<Result<T, FsFailure>> {
  try {
    return ok(await op());
  } catch (e) {
    const kind = fsErrorKind(e);
    if (kind === undefined) throw e;
    return err({ kind, message: (e as Error).message });
  }
}

/** The OS reason of a failed call without the paths Deno appends: `No space left on device (os error 28)`. */
export function ioReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return /^.*?\(os error \d+\)/.exec(message)?.[0] ?? message;
}
