/**
 * Compose text → interpolated plain data: YAML 1.2 with anchors, aliases and `<<` merge keys (npm:yaml), then
 * compose interpolation of every string value (keys are left alone, as in the specification).
 * Variables come from the process environment first, then the `.env` file (shell wins, per compose-go).
 */
import { parseDocument, type ScalarTag, type Tags } from "yaml";
import { err, ok, type Result } from "../result.ts";
import { missingComposeFiles, resolveComposeFiles } from "./compose_files.ts";
import { dotenvMap, parseDotenv } from "./dotenv.ts";
import { interpolate, type Lookup } from "./interpolate.ts";
import type { ConvertError, ConvertInput } from "./types.ts";
import { isMapping, type Mapping } from "./values.ts";

export interface LoadedCompose {
  doc: Mapping;
  lookup: Lookup;
  /** Variables used without a default that are not set (compose warns and substitutes ""), in first-use order. */
  unset: string[];
}

export function composeLookup(
  input: ConvertInput,
  unset?: (name: string) => void,
): Result<Lookup, ConvertError> {
  const env = input.env ?? {};
  const shell: Lookup = (name) => Object.hasOwn(env, name) ? env[name] : undefined;
  if (input.dotenv === undefined) return ok(shell);
  const parsed = parseDotenv(input.dotenv, shell, unset);
  if (!parsed.ok) return err({ file: ".env", message: parsed.error.message });
  const fromFile = dotenvMap(parsed.value);
  return ok((name) => shell(name) ?? fromFile.get(name));
}

export function loadCompose(input: ConvertInput): Result<LoadedCompose, ConvertError> {
  const file = input.composeFile ?? "compose.yaml";
  const unset: string[] = [];
  const onUnset = (name: string) => {
    if (!unset.includes(name)) unset.push(name);
  };
  const lookup = composeLookup(input, onUnset);
  if (!lookup.ok) return lookup;
  const parse = (text: string, name: string) => parseComposeText(text, name, lookup.value, onUnset);
  const main = parse(input.compose, file);
  if (!main.ok) return main;
  const resolved = resolveComposeFiles(main.value, {
    file,
    projectDir: input.projectDir,
    files: input.files ?? {},
    parse,
  });
  if (!resolved.ok) return resolved;
  return ok({ doc: resolved.value, lookup: lookup.value, unset });
}

/**
 * The other compose files (absolute paths) the input's `include` and `extends` need and `input.files` does not
 * hold yet. Read them into `files` and call again until the list is empty (an included file may include more).
 */
export function composeFilePaths(input: ConvertInput): string[] {
  const lookup = composeLookup(input);
  if (!lookup.ok) return [];
  const parse = (text: string, name: string) => parseComposeText(text, name, lookup.value, () => {});
  const main = parse(input.compose, input.composeFile ?? "compose.yaml");
  if (!main.ok) return [];
  return missingComposeFiles(main.value, {
    file: input.composeFile ?? "compose.yaml",
    projectDir: input.projectDir,
    files: input.files ?? {},
    parse,
  });
}

/** One compose file's text → interpolated plain data (no `include`/`extends` resolution). */
export function parseComposeText(
  text: string,
  file: string,
  lookup: Lookup,
  onUnset: (name: string) => void,
): Result<Mapping, ConvertError> {
  const yaml = parseDocument(text, {
    merge: true,
    prettyErrors: true,
    customTags: numbersAsWritten,
  });
  const first = yaml.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const at = pos ? ` (line ${pos.line}, column ${pos.col})` : "";
    return err({ file, message: `Cannot parse YAML${at}: ${first.message.split("\n")[0]}` });
  }
  let data: unknown;
  try {
    data = yaml.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return err({ file, message: `Cannot parse YAML: ${e instanceof Error ? e.message : String(e)}` });
  }
  if (!isMapping(data)) {
    return err({ file, message: "Cannot read compose file: the top level must be a mapping" });
  }
  const resolved = interpolateTree(data, lookup, [], onUnset);
  if (!resolved.ok) {
    const path = resolved.error.path;
    const service = path[0] === "services" && path.length > 1 ? path[1] : undefined;
    const key = joinPath(service !== undefined ? path.slice(2) : path);
    const e: ConvertError = { file, message: resolved.error.message };
    if (service !== undefined) e.service = service;
    if (key !== "") e.key = key;
    if (resolved.error.variable !== undefined) e.variable = resolved.error.variable;
    return err(e);
  }
  return ok(resolved.value as Mapping);
}

/**
 * Numbers keep their source text (`VERSION: 1.10` stays "1.10", `mode: 0400` stays "0400"), as compose-go reads
 * them into strings; booleans and null keep their YAML 1.2 meaning.
 */
function numbersAsWritten(tags: Tags): Tags {
  return tags.map((t): Tags[number] =>
    typeof t === "object" && !("collection" in t && t.collection) && /:(int|float)$/.test(t.tag)
      ? { ...(t as ScalarTag), resolve: (s: string) => s }
      : t
  );
}

interface TreeError {
  path: string[];
  variable?: string;
  message: string;
}

function interpolateTree(
  value: unknown,
  lookup: Lookup,
  path: string[],
  unset: (name: string) => void,
): Result<unknown, TreeError> {
  if (typeof value === "string") {
    const r = interpolate(value, lookup, unset);
    if (r.ok) return r;
    const e: TreeError = { path, message: r.error.message };
    if (r.error.variable !== undefined) e.variable = r.error.variable;
    return err(e);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const r = interpolateTree(value[i], lookup, [...path, `[${i}]`], unset);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  }
  if (value instanceof Date) return ok(value.toISOString());
  if (isMapping(value)) {
    const out: Mapping = {};
    for (const [k, v] of Object.entries(value)) {
      const r = interpolateTree(v, lookup, [...path, k], unset);
      if (!r.ok) return r;
      out[k] = r.value;
    }
    return ok(out);
  }
  return ok(value);
}

/** ["environment", "[2]"] → "environment[2]" */
function joinPath(segments: readonly string[]): string {
  return segments.reduce((acc, s) => (s.startsWith("[") || acc === "" ? acc + s : `${acc}.${s}`), "");
}
