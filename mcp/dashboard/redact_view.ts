/**
 * Redaction for what the container and stack pages show: log lines and compose files (inspect details: redactContainerDetails),
 * with the shared rules (shared/redact/): secret-looking settings, values under secret names, and the API key
 * itself. Pure.
 */
import { redactText } from "../../shared/redact/mod.ts";
import type { LogLine } from "../clients/runtime/client.ts";

export function redactLine(text: string, secrets: readonly string[]): string {
  return redactText(text, secrets);
}

export function redactLogs(lines: readonly LogLine[], secrets: readonly string[]): LogLine[] {
  return lines.map((l) => ({ stream: l.stream, text: redactLine(l.text, secrets) }));
}

export function redactCompose(text: string, secrets: readonly string[]): string {
  return redactLine(text, secrets);
}
