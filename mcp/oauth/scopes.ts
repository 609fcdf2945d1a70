/**
 * The two scopes. `arr:read` sees and calls only the read-only tools (the same set ARR_READ_ONLY offers);
 * `arr:write` is everything. A request that names no scope gets `arr:read` (least privilege).
 */
import { err, ok, type Result } from "../../shared/result.ts";

export const SCOPE_READ = "arr:read";
export const SCOPE_WRITE = "arr:write";
export const SUPPORTED_SCOPES = [SCOPE_READ, SCOPE_WRITE] as const;
export type Scope = typeof SUPPORTED_SCOPES[number];

/** What a request may do on /mcp: `read` = a read-only server, `write` = every tool. */
export type McpAccess = "read" | "write";

/** Parses a space-separated scope list; an unknown scope is an error that names it. */
export function parseScopes(text: string | undefined): Result<Scope[], string> {
  const words = (text ?? "").split(" ").filter((w) => w.length > 0);
  if (words.length === 0) return ok([SCOPE_READ]);
  const unknown = words.find((w) => !(SUPPORTED_SCOPES as readonly string[]).includes(w));
  if (unknown !== undefined) return err(`Unknown scope "${unknown.slice(0, 64)}"`);
  return ok(SUPPORTED_SCOPES.filter((s) => words.includes(s)));
}

export function accessOf(scopes: readonly string[]): McpAccess {
  return scopes.includes(SCOPE_WRITE) ? "write" : "read";
}

export function scopeText(scopes: readonly string[]): string {
  return scopes.join(" ");
}

/** True when every scope of `asked` is in `granted` (a refresh may narrow, never widen). */
export function scopesWithin(asked: readonly string[], granted: readonly string[]): boolean {
  return asked.every((s) => granted.includes(s));
}
