/**
 * Inspect details safe to show (container_inspect, the dashboard's container page): label values under secret
 * names and secret-looking settings in the others, the command line word by word, credentials in mount
 * sources. Environment variable names stay (the details never hold their values).
 */
import type { ContainerDetails } from "../container_details.ts";
import { redactArgv } from "./argv.ts";
import { REDACTED } from "./mask.ts";
import { isSecretName } from "./secret_name.ts";
import { redactText } from "./text.ts";

export function redactContainerDetails(d: ContainerDetails, known: readonly string[] = []): ContainerDetails {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.labels)) {
    labels[k] = isSecretName(k) ? REDACTED : redactText(v, known);
  }
  return {
    ...d,
    command: redactArgv(d.command, known),
    labels,
    mounts: d.mounts.map((m) => ({ ...m, source: redactMountSource(m.source, known) })),
  };
}

/**
 * A mount source with the text rules, plus the password of a scheme-less `//user:password@server/share` (a CIFS
 * share) that the URL rule, which needs `scheme://`, does not see.
 */
export function redactMountSource(source: string, known: readonly string[] = []): string {
  const text = redactText(source, known);
  if (!text.startsWith("//")) return text;
  const hostEnd = text.indexOf("/", 2);
  const authority = text.slice(2, hostEnd === -1 ? text.length : hostEnd);
  const at = authority.lastIndexOf("@");
  const colon = authority.indexOf(":");
  if (at === -1 || colon === -1 || colon > at || authority.startsWith(REDACTED, colon + 1)) return text;
  return `//${authority.slice(0, colon + 1)}${REDACTED}${text.slice(2 + at)}`;
}
