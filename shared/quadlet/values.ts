/** Reading compose values of the shapes the specification allows, with errors that name the key. */
import { describe, InvalidValue } from "./failure.ts";

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string, or a number/boolean written as its text. */
export function scalar(value: unknown, key: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new InvalidValue(key, `Cannot read value: expected a string, got ${describe(value)}`);
}

/** A single string or a list of strings. */
export function stringList(value: unknown, key: string): string[] {
  if (Array.isArray(value)) return value.map((v, i) => scalar(v, `${key}[${i}]`));
  return [scalar(value, key)];
}

export function mapping(value: unknown, key: string): Mapping {
  if (isMapping(value)) return value;
  throw new InvalidValue(key, `Cannot read value: expected a mapping, got ${describe(value)}`);
}

export function list(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new InvalidValue(key, `Cannot read value: expected a list, got ${describe(value)}`);
}

export function bool(value: unknown, key: string): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new InvalidValue(key, `Cannot read value: expected true or false, got ${describe(value)}`);
}

/**
 * `KEY=VALUE` list or `KEY: VALUE` mapping (environment, labels, sysctls …). A value is undefined for a bare
 * `KEY` list item or a null mapping value.
 */
export function keyValues(value: unknown, key: string, separator = "="): [string, string | undefined][] {
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      const text = scalar(item, `${key}[${i}]`);
      const at = text.indexOf(separator);
      return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
    });
  }
  if (isMapping(value)) {
    return Object.entries(value).map(([k, v]) => [k, v === null ? undefined : scalar(v, `${key}.${k}`)]);
  }
  throw new InvalidValue(key, `Cannot read value: expected a list or a mapping, got ${describe(value)}`);
}
