/**
 * Pure validators for every op argument. They run before any file access or subprocess and return
 * `Result`s whose error names the field and the reason, e.g. `Invalid argument "stack": "../x" must match ...`.
 */
import {
  HELPER_OP_ARGS,
  HELPER_OPS,
  type HelperOp,
  QUADLET_TYPES,
  type QuadletType,
  type QuadletValidateUnit,
} from "../shared/helper_protocol.ts";
import {
  QUADLET_NAME_MAX,
  QUADLET_NAME_PATTERN,
  SERVICE_NAME_MAX,
  SERVICE_NAME_PATTERN,
  STACK_NAME_MAX,
  STACK_NAME_PATTERN,
  UNIT_NAME_MAX,
  UNIT_NAME_PATTERN,
} from "../shared/names.ts";
import {
  QUADLET_MAX_CONTENT_BYTES,
  QUADLET_VALIDATE_MAX_TOTAL_BYTES,
  QUADLET_VALIDATE_MAX_UNITS,
} from "../shared/limits.ts";
import { err, ok, type Result } from "../shared/result.ts";

/** Quotes a value for an error message: JSON escapes (NUL, control characters) and at most 40 characters. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function invalid(field: string, reason: string): { ok: false; error: string } {
  return err(`Invalid argument "${field}": ${reason}`);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** A required string argument that is not empty and not longer than `max` characters. */
export function requireString(field: string, value: unknown, max: number): Result<string, string> {
  if (value === undefined) return invalid(field, "value is missing");
  if (typeof value !== "string") return invalid(field, `expected a string, got ${describeType(value)}`);
  if (value.length === 0) return invalid(field, "value is empty");
  if (value.length > max) return invalid(field, `value is longer than ${max} characters`);
  return ok(value);
}

function matching(field: string, value: unknown, max: number, pattern: RegExp): Result<string, string> {
  const text = requireString(field, value, max);
  if (!text.ok) return text;
  // A leading "-" would read as an option to podman-compose or systemctl.
  if (text.value.startsWith("-")) return invalid(field, `${quote(text.value)} must not start with "-"`);
  if (!pattern.test(text.value)) return invalid(field, `${quote(text.value)} must match ${pattern.source}`);
  return text;
}

export function validateStackName(value: unknown): Result<string, string> {
  return matching("stack", value, STACK_NAME_MAX, STACK_NAME_PATTERN);
}

/** A compose service name (whether the stack has it is checked against its compose file). */
export function validateServiceName(value: unknown): Result<string, string> {
  return matching("service", value, SERVICE_NAME_MAX, SERVICE_NAME_PATTERN);
}

export function validateUnitName(value: unknown): Result<string, string> {
  return matching("unit", value, UNIT_NAME_MAX, UNIT_NAME_PATTERN);
}

/** `field` names the argument in errors. @default "type" */
export function validateQuadletType(value: unknown, field = "type"): Result<QuadletType, string> {
  const text = requireString(field, value, 16);
  if (!text.ok) return text;
  const type = QUADLET_TYPES.find((t) => t === text.value);
  if (type === undefined) {
    return invalid(field, `${quote(text.value)} is not one of ${QUADLET_TYPES.join(", ")}`);
  }
  return ok(type);
}

/** The quadlet's name without its suffix: `web` for `web.container`. `field` @default "name" */
export function validateQuadletName(
  value: unknown,
  type: QuadletType,
  field = "name",
): Result<string, string> {
  const name = matching(field, value, QUADLET_NAME_MAX, QUADLET_NAME_PATTERN);
  if (!name.ok) return name;
  if (name.value.endsWith(`.${type}`)) {
    return invalid(field, `${quote(name.value)} must be given without its ".${type}" suffix`);
  }
  return name;
}

/**
 * Quadlet file text: well-formed UTF-16 (so it encodes to valid UTF-8), no NUL, at most 64 KiB as UTF-8.
 * `field` @default "content"
 */
export function validateQuadletContent(value: unknown, field = "content"): Result<string, string> {
  if (value === undefined) return invalid(field, "value is missing");
  if (typeof value !== "string") return invalid(field, `expected a string, got ${describeType(value)}`);
  if (value.trim().length === 0) return invalid(field, "value is empty");
  if (!value.isWellFormed()) return invalid(field, "value is not valid UTF-8 (lone surrogate)");
  const nul = value.indexOf("\0");
  if (nul >= 0) return invalid(field, `value contains a NUL character at index ${nul}`);
  const bytes = new TextEncoder().encode(value).byteLength;
  if (bytes > QUADLET_MAX_CONTENT_BYTES) {
    return invalid(field, `value is ${bytes} bytes, more than ${QUADLET_MAX_CONTENT_BYTES}`);
  }
  return ok(value);
}

const UNIT_KEYS = ["name", "type", "content"];

/** One entry of `units`: an object with exactly name, type and content, each checked as quadlet_write does. */
function validateUnitEntry(value: unknown, field: string): Result<QuadletValidateUnit, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return invalid(field, `expected an object with name, type and content, got ${describeType(value)}`);
  }
  const entry = value as Record<string, unknown>;
  const extra = Object.keys(entry).find((k) => !UNIT_KEYS.includes(k));
  // The key is quoted in the reason, never pasted into the field name: it is the caller's text.
  if (extra !== undefined) return invalid(field, `unknown key ${quote(extra)}: expected name, type, content`);
  const type = validateQuadletType(entry.type, `${field}.type`);
  if (!type.ok) return type;
  const name = validateQuadletName(entry.name, type.value, `${field}.name`);
  if (!name.ok) return name;
  const content = validateQuadletContent(entry.content, `${field}.content`);
  if (!content.ok) return content;
  return ok({ name: name.value, type: type.value, content: content.value });
}

/**
 * `quadlet_validate`'s `units`: 1 to 64 distinct units, each valid for quadlet_write, whose contents
 * together are at most QUADLET_VALIDATE_MAX_TOTAL_BYTES as UTF-8.
 */
export function validateQuadletUnits(value: unknown): Result<QuadletValidateUnit[], string> {
  if (value === undefined) return invalid("units", "value is missing");
  if (!Array.isArray(value)) return invalid("units", `expected an array, got ${describeType(value)}`);
  if (value.length === 0) return invalid("units", "value is empty");
  if (value.length > QUADLET_VALIDATE_MAX_UNITS) {
    return invalid("units", `value has ${value.length} units, more than ${QUADLET_VALIDATE_MAX_UNITS}`);
  }
  const units: QuadletValidateUnit[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const [i, item] of value.entries()) {
    const unit = validateUnitEntry(item, `units[${i}]`);
    if (!unit.ok) return unit;
    const file = `${unit.value.name}.${unit.value.type}`;
    if (seen.has(file)) return invalid(`units[${i}]`, `${quote(file)} is given more than once`);
    seen.add(file);
    total += new TextEncoder().encode(unit.value.content).byteLength;
    if (total > QUADLET_VALIDATE_MAX_TOTAL_BYTES) {
      return invalid(
        "units",
        `the contents are more than ${QUADLET_VALIDATE_MAX_TOTAL_BYTES} bytes together (over at units[${i}])`,
      );
    }
    units.push(unit.value);
  }
  return ok(units);
}

export function validateOp(value: string): Result<HelperOp, string> {
  const op = HELPER_OPS.find((o) => o === value);
  if (op === undefined) return err(`Unknown op ${quote(value)}: expected one of ${HELPER_OPS.join(", ")}`);
  return ok(op);
}

/** Rejects argument keys the op does not take, so a typo never silently falls back to a default. */
export function validateArgKeys(op: HelperOp, args: Record<string, unknown>): Result<void, string> {
  const { required, optional } = HELPER_OP_ARGS[op];
  const known = [...required, ...optional];
  for (const key of Object.keys(args)) {
    if (!known.includes(key)) {
      const expected = known.length === 0 ? "it takes no arguments" : `expected ${known.join(", ")}`;
      return err(`Unknown argument ${quote(key)} for op "${op}": ${expected}`);
    }
  }
  return ok(undefined);
}
