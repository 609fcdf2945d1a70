/**
 * Redaction for what the container and stack pages show: log lines, command lines, labels and compose files,
 * with the shared rules (shared/redact/): secret-looking settings, values under secret names, and the API key
 * itself. Pure.
 */
import { isSecretName, redactArgv, REDACTED, redactText } from "../../shared/redact/mod.ts";
import type { LogLine } from "../clients/runtime/client.ts";
import type { ContainerDetails } from "../../shared/container_details.ts";

export function redactLine(text: string, secrets: readonly string[]): string {
  return redactText(text, secrets);
}

export function redactLogs(lines: readonly LogLine[], secrets: readonly string[]): LogLine[] {
  return lines.map((l) => ({ stream: l.stream, text: redactLine(l.text, secrets) }));
}

/** Inspect details safe to show: command words and label values redacted, env names kept (never values). */
export function redactDetails(d: ContainerDetails, secrets: readonly string[]): ContainerDetails {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.labels)) {
    labels[k] = isSecretName(k) ? REDACTED : redactLine(v, secrets);
  }
  return { ...d, command: redactArgv(d.command, secrets), labels };
}

export function redactCompose(text: string, secrets: readonly string[]): string {
  return redactLine(text, secrets);
}
