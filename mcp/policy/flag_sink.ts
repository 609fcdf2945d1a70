/**
 * Collects the flags of one owner (a compose service, a quadlet unit or the stack itself), so each rule states
 * only its sentence; the sink puts the owner in front of it.
 */
import type { PolicyFlag, PolicyRule, Severity } from "./types.ts";

export type FlagOwner = { service: string } | { unit: string } | { stack: true };

export interface FlagSink {
  /** How sentences name the owner: `Service "sonarr"`, `Unit "sonarr.container"` (`The unit` unnamed), `The stack`. */
  readonly subject: string;
  /** Adds a flag whose words are `subject` followed by `predicate` (e.g. `runs privileged.`). */
  add(rule: PolicyRule, severity: Severity, predicate: string, detail: string): void;
  /** Adds a flag whose sentence is written out whole (for "Cannot tell …" sentences). */
  addSentence(rule: PolicyRule, severity: Severity, words: string, detail: string): void;
}

export function flagSink(owner: FlagOwner, out: PolicyFlag[]): FlagSink {
  const subject = "service" in owner
    ? `Service "${owner.service}"`
    : "unit" in owner
    ? owner.unit === "" ? "The unit" : `Unit "${owner.unit}"`
    : "The stack";
  const push = (rule: PolicyRule, severity: Severity, words: string, detail: string) => {
    const flag: PolicyFlag = { rule, severity, words, detail };
    if ("service" in owner) flag.service = owner.service;
    if ("unit" in owner && owner.unit !== "") flag.unit = owner.unit;
    out.push(flag);
  };
  return {
    subject,
    add: (rule, severity, predicate, detail) => push(rule, severity, `${subject} ${predicate}`, detail),
    addSentence: push,
  };
}

/** `key: "value"` for a flag's detail. */
export function detailOf(key: string, value: unknown): string {
  return `${key}: ${JSON.stringify(value) ?? String(value)}`;
}
