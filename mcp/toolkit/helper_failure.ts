/**
 * Turning arr-helper answers into tool outcomes. Every helper text a tool shows passes through here and is
 * redacted first (shared/redact/): podman-compose echoes `podman run … -e API_TOKEN=…`, `systemctl status`
 * shows a quadlet's `podman run … --env …`. Data a tool parses (quadlet_read, quadlet_list, info) stays raw in
 * `helperOutput`'s success value; the tool redacts what it shows of it.
 */
import { err, ok } from "../../shared/result.ts";
import type { HelperSuccess } from "../../shared/helper_protocol.ts";
import { redactText } from "../../shared/redact/mod.ts";
import type { Result } from "../../shared/result.ts";
import type { HelperError } from "../clients/helper/helper_client.ts";
import type { ToolFailure } from "./tool_result.ts";

/** Command output kept in tool results (the end is where errors are). */
export const MAX_OUTPUT_CHARS = 4000;

/** Helper output as a tool shows it: redacted (before cutting, so no name is cut off its value), then its end. */
export function tailText(text: string, max = MAX_OUTPUT_CHARS): string {
  const shown = redactText(text);
  return shown.length <= max ? shown : `…${shown.slice(shown.length - max)}`;
}

export function helperFailure(e: HelperError): ToolFailure {
  return {
    kind: e.kind === "unavailable" ? "helper_unavailable" : `helper_${e.kind}`,
    message: redactText(e.message),
  };
}

/** The op ran and succeeded → its output; it ran and failed → `command_failed` with the output's end. */
export function helperOutput(
  what: string,
  r: Result<HelperSuccess, HelperError>,
): Result<string, ToolFailure> {
  if (!r.ok) return err(helperFailure(r.error));
  if (!r.value.ok) {
    return err({
      kind: "command_failed",
      message: `Cannot ${what}: exit code ${r.value.exit_code}\n${tailText(r.value.output.trim())}`,
    });
  }
  return ok(r.value.output);
}
