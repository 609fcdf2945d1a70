/**
 * Reading one compose value for a check: interpolated when it can be, flagged "cannot tell" when a variable
 * has no value, and lists or single values taken alike (podman-compose accepts both in most places).
 */
import type { ComposeSource } from "./compose_source.ts";
import type { FlagSink } from "./flag_sink.ts";
import { detailOf } from "./flag_sink.ts";
import { flagUnresolved } from "./path_flags.ts";

export interface ComposeReader {
  sink: FlagSink;
  /**
   * The interpolated value, or undefined (and an "unresolved" flag) when a variable has no value.
   * @param key names the value in the detail, e.g. `volumes[2]`
   * @param verb what the owner does with it, for the "Cannot tell what … " sentence
   */
  read(raw: unknown, key: string, verb: string): unknown;
}

export function composeReader(sink: FlagSink, source: ComposeSource): ComposeReader {
  return {
    sink,
    read(raw, key, verb) {
      const r = source.resolve(raw);
      if (r.ok) return r.value;
      flagUnresolved(
        sink,
        verb,
        typeof raw === "string" ? raw : JSON.stringify(raw),
        r.reason,
        detailOf(key, raw),
      );
      return undefined;
    },
  };
}

/** A list as a list, nothing as an empty list, anything else as a list of one. */
export function items(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** A scalar as text; lists, mappings and null as undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}
