/** The preview text for a confirmation: every flag in words, the ones that need approval first. */
import type { PolicyFlag } from "./types.ts";

export const NOTHING_FLAGGED = "The content policy flagged nothing.";

/**
 * ```
 * Needs confirmation (1):
 * - Service "traefik" mounts /var/run/docker.sock, a container runtime socket.
 * Worth knowing (1):
 * - Service "plex" uses the host's network directly.
 * ```
 * A sentence that occurs more than once is listed once.
 */
export function describeFlags(flags: readonly PolicyFlag[]): string {
  const list = (severity: PolicyFlag["severity"]) => [
    ...new Set(flags.filter((f) => f.severity === severity).map((f) => f.words)),
  ];
  const parts: string[] = [];
  for (
    const [title, words] of [["Needs confirmation", list("confirm")], [
      "Worth knowing",
      list("notice"),
    ]] as const
  ) {
    if (words.length > 0) parts.push(`${title} (${words.length}):\n${words.map((w) => `- ${w}`).join("\n")}`);
  }
  return parts.length === 0 ? NOTHING_FLAGGED : parts.join("\n");
}
