/**
 * The one-line change an upgrade makes to the file that names the image, when the tag changes: the service's
 * `image:` in a compose file, or `Image=` in a quadlet's [Container] section. The rest of the file stays byte
 * for byte. Refused when the file does not name exactly the running reference (an interpolated `${TAG}`, a
 * different image): then the person edits it. Pure.
 */
import { parseDocument } from "yaml";
import { err, ok, type Result } from "../../../shared/result.ts";

/** Sets `services.<service>.image` from `from` to `to`. */
export function setComposeImage(
  text: string,
  service: string,
  from: string,
  to: string,
): Result<string, string> {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    return err(`Cannot read the compose file: ${doc.errors[0]?.message.split("\n")[0]}`);
  }
  const node = doc.getIn(["services", service, "image"], true) as
    | { value?: unknown; range?: [number, number, number] }
    | undefined;
  if (node === undefined || typeof node.value !== "string" || node.range === undefined) {
    return err(`Cannot set the image of service "${service}": the compose file gives it no image`);
  }
  if (node.value !== from) {
    return err(
      `Cannot set the image of service "${service}": it is "${node.value}", not "${from}"; edit it yourself`,
    );
  }
  // Only the scalar's own characters change: comments, quoting style and order stay as they were.
  const [start, end] = node.range;
  const raw = text.slice(start, end);
  const quoted = raw.startsWith('"') || raw.startsWith("'") ? `${raw[0]}${to}${raw[0]}` : to;
  return ok(`${text.slice(0, start)}${quoted}${text.slice(end)}`);
}

/** Sets `Image=` in the [Container] section from `from` to `to`. */
export function setQuadletImage(text: string, from: string, to: string): Result<string, string> {
  const lines = text.split("\n");
  let section = "";
  let found = -1;
  for (const [i, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed.startsWith("[") && trimmed.endsWith("]")) section = trimmed;
    else if (section === "[Container]" && /^Image\s*=/.test(trimmed)) found = i;
  }
  if (found < 0) return err("Cannot set Image=: the unit has no Image= in [Container]");
  const value = lines[found]!.trim().replace(/^Image\s*=\s*/, "");
  if (value !== from) return err(`Cannot set Image=: it is "${value}", not "${from}"; edit it yourself`);
  lines[found] = `Image=${to}`;
  return ok(lines.join("\n"));
}
