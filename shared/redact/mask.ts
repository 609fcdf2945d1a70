/** What replaces a secret value in every text arr-mcp shows, stores or logs. */
export const REDACTED = "[REDACTED]";

/**
 * Masks older versions used (`[redacted]` in the audit log and errors, `***` in service-client errors).
 * Only restoring a redacted file accepts them (mcp/fs/restore_redacted.ts); nothing writes them any more.
 */
export const LEGACY_MASKS: readonly string[] = ["[redacted]", "***"];

/** What one redaction did: the text, and how many values it replaced. */
export interface Redaction {
  text: string;
  count: number;
}
