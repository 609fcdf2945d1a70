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
  | "invalid_pattern";

export class FsError extends Error {
  readonly kind: FsErrorKind;
  constructor(kind: FsErrorKind, message: string) {
    super(message);
    this.name = "FsError";
    this.kind = kind;
  }
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
