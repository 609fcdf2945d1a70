/**
 * Redaction for what the container and stack pages show: log lines, command lines, labels and compose files.
 * Secret-looking settings (core/redact_secrets.ts rules), values under secret-looking names, and the API key itself are
 * replaced. Pure.
 */
import { REDACTED, redactSecrets } from "../core/redact_secrets.ts";
import { redactText } from "../core/redact.ts";
import type { LogLine } from "../clients/runtime/client.ts";
import type { ContainerDetails } from "../../shared/container_details.ts";

const SECRET_NAME = /(pass(word|wd|phrase)?|secret|token|api[-_]?key|apikey|auth|cookie|credential|private)/i;

export function redactLine(text: string, secrets: readonly string[]): string {
  return redactText(redactSecrets(text).text, secrets);
}

export function redactLogs(lines: readonly LogLine[], secrets: readonly string[]): LogLine[] {
  return lines.map((l) => ({ stream: l.stream, text: redactLine(l.text, secrets) }));
}

/** Inspect details safe to show: command words and label values redacted, env names kept (never values). */
export function redactDetails(d: ContainerDetails, secrets: readonly string[]): ContainerDetails {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.labels)) {
    labels[k] = SECRET_NAME.test(k) ? REDACTED : redactLine(v, secrets);
  }
  const command = redactLine(d.command.join("\u0000"), secrets).split("\u0000");
  // `--password secret`: the word after a secret-named flag is a secret too.
  for (let i = 0; i + 1 < command.length; i++) {
    if (/^--?[\w-]+$/.test(command[i] ?? "") && SECRET_NAME.test(command[i] ?? "")) command[i + 1] = REDACTED;
  }
  return { ...d, command, labels };
}

export function redactCompose(text: string, secrets: readonly string[]): string {
  return redactLine(text, secrets);
}
