/**
 * `include` and `extends`, resolved before conversion as compose resolves them: included files add their
 * services, networks, volumes, configs and secrets (a name defined twice is an error); a service that `extends`
 * another (in the same file or in `file:`) starts from that service, merged by the compose merge rules:
 * mappings merge key by key, sequences append, `command`/`entrypoint`/`healthcheck.test` are replaced, and
 * `volumes`/`devices`/`secrets`/`configs` entries with the same target are replaced. Relative paths in another
 * file (build context, env_file, bind sources, label_file, config/secret files) are made absolute against that
 * file's folder (an include's `project_directory`), so they keep pointing where that file meant.
 */
import { posix } from "node:path";
import { err, ok, type Result } from "../result.ts";
import type { ConvertError } from "./types.ts";
import { isMapping, type Mapping } from "./values.ts";

export interface ComposeFileSource {
  /** How messages name the main file. */
  file: string;
  projectDir: string;
  /** Other compose files' text by absolute path. */
  files: Readonly<Record<string, string>>;
  parse(text: string, file: string): Result<Mapping, ConvertError>;
  /** When given, a file missing from `files` is recorded here and skipped instead of failing. */
  missing?: Set<string>;
}

class FileError extends Error {
  constructor(readonly error: ConvertError) {
    super(error.message);
  }
}

export function resolveComposeFiles(doc: Mapping, src: ComposeFileSource): Result<Mapping, ConvertError> {
  try {
    return ok(resolveDocument(doc, src.file, src.projectDir, src, []));
  } catch (e) {
    if (e instanceof FileError) return err(e.error);
    throw e;
  }
}

const RESOURCES = ["services", "networks", "volumes", "configs", "secrets"] as const;

function resolveDocument(
  doc: Mapping,
  file: string,
  dir: string,
  src: ComposeFileSource,
  chain: string[],
): Mapping {
  const out: Mapping = { ...doc };
  const include = out["include"];
  delete out["include"];
  if (include !== undefined && include !== null) {
    if (!Array.isArray(include)) fail(file, "include", "Cannot read include: expected a list");
    include.forEach((entry, i) => includeEntry(out, entry, `include[${i}]`, file, dir, src, chain));
  }
  const services = out["services"];
  if (isMapping(services)) {
    const resolved: Mapping = {};
    for (const name of Object.keys(services)) {
      resolved[name] = resolveService(name, services, file, dir, src, [...chain, `${file}#${name}`]);
    }
    out["services"] = resolved;
  }
  return out;
}

function includeEntry(
  out: Mapping,
  entry: unknown,
  key: string,
  file: string,
  dir: string,
  src: ComposeFileSource,
  chain: string[],
): void {
  const spec: Mapping = typeof entry === "string" ? { path: entry } : isMapping(entry) ? entry : {};
  const paths = typeof spec["path"] === "string"
    ? [spec["path"]]
    : Array.isArray(spec["path"]) && spec["path"].every((p) => typeof p === "string")
    ? spec["path"] as string[]
    : fail(file, key, "Cannot read include: expected a path or a mapping with `path`");
  for (const k of Object.keys(spec)) {
    if (k !== "path" && k !== "project_directory") {
      fail(
        file,
        `${key}.${k}`,
        `Cannot use include option "${k}": only path and project_directory are supported`,
      );
    }
  }
  // Several paths form one project (later files override earlier ones); a single path is the usual case.
  for (const path of paths) {
    const abs = posix.resolve(dir, path);
    const loaded = load(abs, file, key, src, chain);
    if (loaded === undefined) continue;
    const projectDir = typeof spec["project_directory"] === "string"
      ? posix.resolve(dir, spec["project_directory"])
      : posix.dirname(abs);
    const included = rebaseDocument(
      resolveDocument(loaded, abs, posix.dirname(abs), src, [...chain, abs]),
      projectDir,
    );
    for (const section of RESOURCES) {
      const from = included[section];
      if (!isMapping(from)) continue;
      const into = isMapping(out[section]) ? { ...out[section] as Mapping } : {};
      for (const [name, def] of Object.entries(from)) {
        if (Object.hasOwn(into, name)) {
          fail(file, key, `Cannot include "${abs}": ${section.slice(0, -1)} "${name}" is already defined`);
        }
        into[name] = def;
      }
      out[section] = into;
    }
  }
}

function resolveService(
  name: string,
  services: Mapping,
  file: string,
  dir: string,
  src: ComposeFileSource,
  chain: string[],
): Mapping {
  const svc = services[name];
  if (!isMapping(svc) || svc["extends"] === undefined) return svc as Mapping;
  const ext = svc["extends"];
  const spec: Mapping = typeof ext === "string" ? { service: ext } : isMapping(ext) ? ext : {};
  const base = spec["service"];
  if (typeof base !== "string") fail(file, "extends", "Cannot read extends: expected a service name", name);
  let baseService: Mapping;
  if (spec["file"] === undefined) {
    const id = `${file}#${base}`;
    if (chain.includes(id)) {
      fail(file, "extends", `Cannot resolve extends: "${base}" extends itself in a cycle`, name);
    }
    if (!Object.hasOwn(services, base)) {
      fail(file, "extends", `Cannot extend "${base}": there is no such service in ${file}`, name);
    }
    baseService = resolveService(base, services, file, dir, src, [...chain, id]);
  } else {
    if (typeof spec["file"] !== "string") fail(file, "extends.file", "Cannot read extends.file", name);
    const abs = posix.resolve(dir, spec["file"]);
    const id = `${abs}#${base}`;
    if (chain.includes(id)) {
      fail(file, "extends", `Cannot resolve extends: "${base}" extends itself in a cycle`, name);
    }
    const other = load(abs, file, "extends.file", src, chain, name);
    if (other === undefined) return withoutExtends(svc);
    const otherServices = other["services"];
    if (!isMapping(otherServices) || !Object.hasOwn(otherServices, base)) {
      fail(file, "extends", `Cannot extend "${base}": there is no such service in ${abs}`, name);
    }
    const otherDir = posix.dirname(abs);
    baseService = rebaseService(
      resolveService(base, otherServices, abs, otherDir, src, [...chain, id]),
      otherDir,
    );
  }
  return mergeService(baseService, withoutExtends(svc));
}

function withoutExtends(svc: Mapping): Mapping {
  const copy = { ...svc };
  delete copy["extends"];
  return copy;
}

function load(
  abs: string,
  file: string,
  key: string,
  src: ComposeFileSource,
  chain: string[],
  service?: string,
): Mapping | undefined {
  if (chain.includes(abs)) fail(file, key, `Cannot include "${abs}": it includes itself`, service);
  const text = src.files[abs];
  if (text === undefined) {
    if (src.missing) {
      src.missing.add(abs);
      return undefined;
    }
    fail(
      file,
      key,
      `Cannot read compose file "${abs}": it was not read (missing or outside the stack)`,
      service,
    );
  }
  const parsed = src.parse(text, abs);
  if (!parsed.ok) throw new FileError(parsed.error);
  return parsed.value;
}

function fail(file: string, key: string, message: string, service?: string): never {
  const error: ConvertError = { file, key, message };
  if (service !== undefined) error.service = service;
  throw new FileError(error);
}

// ---- merge rules -------------------------------------------------------------------------------------------

const REPLACED = new Set(["command", "entrypoint"]);
const KEY_VALUE = new Set(["environment", "labels", "annotations", "sysctls", "extra_hosts", "storage_opt"]);
const BY_NAME = new Set(["networks", "depends_on"]);
const BY_TARGET = new Set(["volumes", "devices", "secrets", "configs"]);

/** `local` over `base`, by the compose merge rules. */
export function mergeService(base: Mapping, local: Mapping): Mapping {
  const out: Mapping = { ...base };
  for (const [key, value] of Object.entries(local)) {
    const prev = out[key];
    if (prev === undefined || prev === null || value === null || REPLACED.has(key)) out[key] = value;
    else if (KEY_VALUE.has(key)) out[key] = { ...keyValueMap(prev), ...keyValueMap(value) };
    else if (BY_NAME.has(key)) out[key] = { ...nameMap(prev), ...nameMap(value) };
    else if (BY_TARGET.has(key) && Array.isArray(prev) && Array.isArray(value)) {
      out[key] = mergeByTarget(key, prev, value);
    } else if (key === "healthcheck" && isMapping(prev) && isMapping(value)) out[key] = { ...prev, ...value };
    else out[key] = mergeValue(prev, value);
  }
  return out;
}

function mergeValue(prev: unknown, value: unknown): unknown {
  if (isMapping(prev) && isMapping(value)) {
    const out: Mapping = { ...prev };
    for (const [k, v] of Object.entries(value)) {
      out[k] = out[k] === undefined || KEY_VALUE.has(k) || k === "args"
        ? mergeKeyValueOr(out[k], v)
        : mergeValue(out[k], v);
    }
    return out;
  }
  if (Array.isArray(prev) && Array.isArray(value)) return [...prev, ...value];
  return value;
}

function mergeKeyValueOr(prev: unknown, value: unknown): unknown {
  if (prev === undefined || prev === null) return value;
  return { ...keyValueMap(prev), ...keyValueMap(value) };
}

/** `["A=1", "B"]` or `{A: 1}` → a mapping (a bare key maps to null). */
function keyValueMap(value: unknown): Mapping {
  if (isMapping(value)) return value;
  if (!Array.isArray(value)) return {};
  const out: Mapping = {};
  for (const item of value) {
    const text = String(item);
    const at = text.indexOf("=");
    if (at < 0) out[text] = null;
    else out[text.slice(0, at)] = text.slice(at + 1);
  }
  return out;
}

function nameMap(value: unknown): Mapping {
  if (isMapping(value)) return value;
  return Array.isArray(value) ? Object.fromEntries(value.map((n) => [String(n), null])) : {};
}

function mergeByTarget(key: string, prev: unknown[], value: unknown[]): unknown[] {
  const targetOf = (item: unknown): string => {
    if (isMapping(item)) return String(item["target"] ?? item["source"] ?? "");
    const parts = String(item).split(":");
    if (key === "secrets" || key === "configs") return String(item);
    return parts.length === 1 ? parts[0] as string : parts[1] as string;
  };
  const targets = new Set(value.map(targetOf));
  return [...prev.filter((p) => !targets.has(targetOf(p))), ...value];
}

// ---- relative paths of another file ------------------------------------------------------------------------

const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/;

function rebaseDocument(doc: Mapping, dir: string): Mapping {
  const out: Mapping = { ...doc };
  if (isMapping(out["services"])) {
    out["services"] = Object.fromEntries(
      Object.entries(out["services"]).map(([n, s]) => [n, isMapping(s) ? rebaseService(s, dir) : s]),
    );
  }
  for (const section of ["configs", "secrets"] as const) {
    if (!isMapping(out[section])) continue;
    out[section] = Object.fromEntries(
      Object.entries(out[section] as Mapping).map(([n, d]) => [
        n,
        isMapping(d) && typeof d["file"] === "string" ? { ...d, file: posix.resolve(dir, d["file"]) } : d,
      ]),
    );
  }
  return out;
}

function rebaseService(svc: Mapping, dir: string): Mapping {
  const out: Mapping = { ...svc };
  const abs = (p: string) => (p.startsWith("~") || REMOTE.test(p) ? p : posix.resolve(dir, p));
  const build = out["build"];
  if (typeof build === "string") out["build"] = abs(build);
  else if (isMapping(build)) out["build"] = { ...build, context: abs(String(build["context"] ?? ".")) };
  const envFile = out["env_file"];
  const envPath = (
    e: unknown,
  ) => (typeof e === "string"
    ? abs(e)
    : isMapping(e) && typeof e["path"] === "string"
    ? { ...e, path: abs(e["path"]) }
    : e);
  if (Array.isArray(envFile)) out["env_file"] = envFile.map(envPath);
  else if (envFile !== undefined) out["env_file"] = envPath(envFile);
  const labelFile = out["label_file"];
  if (typeof labelFile === "string") out["label_file"] = abs(labelFile);
  else if (Array.isArray(labelFile)) {
    out["label_file"] = labelFile.map((f) => (typeof f === "string" ? abs(f) : f));
  }
  if (Array.isArray(out["volumes"])) {
    out["volumes"] = out["volumes"].map((v) => {
      if (typeof v === "string") {
        const [source, ...rest] = v.split(":");
        return rest.length > 0 && source?.startsWith(".") ? [abs(source), ...rest].join(":") : v;
      }
      if (isMapping(v) && v["type"] === "bind" && typeof v["source"] === "string") {
        return { ...v, source: abs(v["source"]) };
      }
      return v;
    });
  }
  const ext = out["extends"];
  if (isMapping(ext) && typeof ext["file"] === "string") out["extends"] = { ...ext, file: abs(ext["file"]) };
  return out;
}

/**
 * The other compose files (absolute paths) that `include` and `extends` need, as far as the given `files` let
 * them be found: read these, add them to `files`, and ask again until nothing new is listed.
 */
export function missingComposeFiles(doc: Mapping, src: Omit<ComposeFileSource, "missing">): string[] {
  const missing = new Set<string>();
  resolveComposeFiles(doc, { ...src, missing });
  return [...missing];
}
