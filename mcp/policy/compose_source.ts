/**
 * A compose document as written, and compose interpolation one value at a time. The shared loader parses it
 * (anchors, merge keys, numbers as written); every `$` is escaped first so the loader hands back the strings
 * uninterpolated. Each checked value is then interpolated on its own: a variable with no value is reported
 * for the value that uses it, and a `${X:?}` elsewhere in the file does not hide everything else.
 */
import { composeLookup, parseComposeText } from "../../shared/quadlet/load_compose.ts";
import { interpolate, type Lookup } from "../../shared/quadlet/interpolate.ts";
import { isMapping, type Mapping } from "../../shared/quadlet/values.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import type { PolicyContext, PolicyError } from "./types.ts";

export type Resolved = { ok: true; value: unknown } | { ok: false; reason: string };

export interface ComposeSource {
  /** The document with its strings as written (not interpolated). */
  doc: Mapping;
  /** Interpolates a value (strings inside lists and mappings too) as compose does. */
  resolve(raw: unknown): Resolved;
}

/** @param doc compose text, or a parsed document whose strings are still uninterpolated */
export function loadComposeSource(
  doc: string | Mapping,
  ctx: PolicyContext,
): Result<ComposeSource, PolicyError> {
  const input = { compose: "", projectDir: ctx.stackDir };
  const lookup = composeLookup({
    ...input,
    ...(ctx.env !== undefined && { env: ctx.env }),
    ...(ctx.dotenv !== undefined && { dotenv: ctx.dotenv }),
  });
  if (!lookup.ok) return err({ message: `Cannot read .env: ${lookup.error.message}` });
  let raw: Mapping;
  if (typeof doc === "string") {
    // One file as written: include/extends are flagged, not followed (the policy does not read other files).
    const parsed = parseComposeText(doc.replaceAll("$", "$$$$"), "compose.yaml", lookup.value, () => {});
    if (!parsed.ok) return err({ message: parsed.error.message });
    raw = parsed.value;
  } else if (isMapping(doc)) raw = doc;
  else return err({ message: "Cannot check compose file: the top level must be a mapping" });
  const vars = lookup.value;
  return ok({ doc: raw, resolve: (value) => resolveDeep(value, vars) });
}

function resolveDeep(value: unknown, lookup: Lookup): Resolved {
  if (typeof value === "string") return resolveString(value, lookup);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const r = resolveDeep(item, lookup);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (isMapping(value)) {
    const out: Mapping = {};
    for (const [k, v] of Object.entries(value)) {
      const r = resolveDeep(v, lookup);
      if (!r.ok) return r;
      out[k] = r.value;
    }
    return { ok: true, value: out };
  }
  return { ok: true, value };
}

/**
 * Compose turns an unset `${X}` into "" with a warning; here it is unresolved, since the path it builds is
 * not the one the writer meant. A default (`${X:-/srv}`) or alternative (`${X:+…}`) is a resolved value.
 */
function resolveString(text: string, lookup: Lookup): Resolved {
  const missing = new Set<string>();
  const result = interpolate(text, (name) => {
    const value = lookup(name);
    if (value === undefined) missing.add(name);
    return value;
  });
  if (!result.ok) return { ok: false, reason: lowerFirst(result.error.message) };
  const plain = text.replaceAll("$$", "");
  const unset = [...missing].filter((name) =>
    new RegExp(`\\$(\\{${name}\\}|${name}(?![A-Za-z0-9_]))`).test(plain)
  );
  if (unset.length > 0) {
    const names = unset.map((n) => `"${n}"`).join(", ");
    return {
      ok: false,
      reason: `variable${unset.length > 1 ? "s" : ""} ${names} ha${unset.length > 1 ? "ve" : "s"} no value`,
    };
  }
  return { ok: true, value: result.value };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
