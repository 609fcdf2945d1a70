/**
 * Compose-spec variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}` and `$$` for a literal `$`.
 * Defaults and alternatives may nest further interpolation. A `$` followed by anything else is an error,
 * as in compose-go.
 */
import { err, ok, type Result } from "../result.ts";

/** Looks a variable up; undefined means unset (an empty string is set). */
export type Lookup = (name: string) => string | undefined;

export interface InterpolationError {
  /** The variable a `?` form required, when that was the cause. */
  variable?: string;
  message: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * @param unset called with each variable used without a default (`$VAR`, `${VAR}`) that is not set; compose
 * substitutes an empty string and warns.
 */
export function interpolate(
  text: string,
  lookup: Lookup,
  unset?: (name: string) => void,
): Result<string, InterpolationError> {
  if (!text.includes("$")) return ok(text);
  const warned: Lookup = unset === undefined ? lookup : (name) => {
    const v = lookup(name);
    if (v === undefined) unset(name);
    return v;
  };
  const parsed = substitute(text, 0, lookup, false, true, warned);
  if (!parsed.ok) return parsed;
  return ok(parsed.value.text);
}

type Step = Result<{ text: string; next: number }, InterpolationError>;

/**
 * Substitutes from `start`; when `nested`, stops at the `}` closing the enclosing braced expression.
 * When not `evaluate`, only finds the extent (a default that is not used raises no `?` error).
 */
function substitute(
  text: string,
  start: number,
  lookup: Lookup,
  nested: boolean,
  evaluate: boolean,
  bare: Lookup = lookup,
): Step {
  let out = "";
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (nested && c === "}") return ok({ text: out, next: i });
    if (c !== "$") {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
    } else if (next === "{") {
      const braced = readBraced(text, i + 2, lookup, evaluate, bare);
      if (!braced.ok) return braced;
      out += braced.value.text;
      i = braced.value.next;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (name === undefined) {
        return err({
          message: `Invalid interpolation format "${text}": "$" must start a variable or be "$$"`,
        });
      }
      out += (evaluate ? bare(name) : lookup(name)) ?? "";
      i += 1 + name.length;
    }
  }
  if (nested) return err({ message: `Invalid interpolation format "${text}": missing "}"` });
  return ok({ text: out, next: i });
}

function readBraced(text: string, start: number, lookup: Lookup, evaluate: boolean, bare: Lookup): Step {
  const name = NAME.exec(text.slice(start))?.[0];
  if (name === undefined) {
    return err({ message: `Invalid interpolation format "${text}": expected a variable name after "\${"` });
  }
  let i = start + name.length;
  if (text[i] === "}") return ok({ text: (evaluate ? bare(name) : lookup(name)) ?? "", next: i + 1 });
  const value = lookup(name);
  const colon = text[i] === ":";
  if (colon) i++;
  const op = text[i];
  if (op !== "-" && op !== "?" && op !== "+") {
    return err({
      message: `Invalid interpolation format "${text}": unexpected "${text[i] ?? "end"}" in "\${${name}"`,
    });
  }
  const missing = colon ? value === undefined || value === "" : value === undefined;
  const used = op === "+" ? !missing : missing;
  const rest = substitute(text, i + 1, lookup, true, evaluate && used, bare);
  if (!rest.ok) return rest;
  const word = rest.value.text;
  const next = rest.value.next + 1;
  if (!evaluate) return ok({ text: "", next });
  if (op === "-") return ok({ text: missing ? word : value ?? "", next });
  if (op === "+") return ok({ text: missing ? "" : word, next });
  if (missing) {
    const why = word === "" ? `variable "${name}" is ${colon ? "unset or empty" : "unset"}` : word;
    return err({ variable: name, message: `Required variable "${name}" is missing a value: ${why}` });
  }
  return ok({ text: value ?? "", next });
}
