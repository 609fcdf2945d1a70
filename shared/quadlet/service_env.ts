/** environment, env_file, labels, annotations. */
import { posix } from "node:path";
import { parseDotenv } from "./dotenv.ts";
import { InvalidValue } from "./failure.ts";
import type { ConvertContext } from "./context.ts";
import type { Handler, ServiceScope } from "./service_scope.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { isMapping, keyValues, list, scalar } from "./values.ts";

export const environment: Handler = (value, s, key) => {
  for (const [name, v] of keyValues(value, key)) {
    const resolved = v ?? s.ctx.lookup(name);
    if (resolved === undefined) {
      s.w.warnOnce(
        `service "${s.name}": environment variable "${name}" has no value and is not set; left out`,
      );
      continue;
    }
    s.env.delete(name);
    s.env.set(name, resolved);
  }
};

/**
 * env_file files are read as compose reads them (shared/quadlet/dotenv.ts: quoting, `export`, comments, `${VAR}`
 * from the earlier files and the project environment, `$$`). When every file is plain `KEY=VALUE` lines that
 * Podman's --env-file reads alike, they become EnvironmentFile= (values stay in the files); otherwise every value
 * is written into the unit. Later files win over earlier ones, and `environment` over all of them.
 */
export const envFile: Handler = (value, s, key) => {
  const items = Array.isArray(value) ? list(value, key) : [value];
  const fromFiles = new Map<string, string>();
  const files: { abs: string; plain: boolean }[] = [];
  items.forEach((item, i) => {
    const itemKey = Array.isArray(value) ? `${key}[${i}]` : key;
    const path = isMapping(item) ? scalar(item["path"], `${itemKey}.path`) : scalar(item, itemKey);
    const required = isMapping(item) && item["required"] === false ? false : true;
    const abs = posix.resolve(s.ctx.projectDir, path);
    const text = s.ctx.envFiles[abs];
    if (text === undefined) {
      if (required) {
        throw new InvalidValue(itemKey, `Cannot read env_file "${abs}": file is missing or unreadable`);
      }
      s.w.warnOnce(`service "${s.name}": optional env_file "${abs}" is missing; left out`);
      return;
    }
    const lookup = (name: string) => fromFiles.get(name) ?? s.ctx.lookup(name);
    const parsed = parseDotenv(text, lookup, (name) => warnUnset(s.ctx, name));
    if (!parsed.ok) {
      throw new InvalidValue(itemKey, `Cannot parse env_file "${abs}": ${parsed.error.message}`);
    }
    for (const e of parsed.value) if (e.value !== undefined) fromFiles.set(e.key, e.value);
    files.push({ abs, plain: parsed.value.every((e) => e.plain) });
  });
  if (files.every((f) => f.plain)) {
    for (const f of files) s.w.put("EnvironmentFile", escapeSystemd(f.abs));
    return;
  }
  for (const f of files.filter((f) => !f.plain)) {
    s.w.warnOnce(
      `service "${s.name}": env_file "${f.abs}" uses quoting, variables, \`export\` or bare keys that ` +
        `podman --env-file reads differently; its variables were written into the unit as Environment=`,
    );
  }
  const explicit = new Set(
    s.svc["environment"] === undefined ? [] : keyValues(s.svc["environment"], "environment").map(([k]) => k),
  );
  for (const [name, v] of fromFiles) if (!explicit.has(name)) s.env.set(name, v);
};

/** Compose's warning for a variable used without a default that is not set: once per variable. */
export function warnUnset(ctx: ConvertContext, name: string): void {
  const message = `variable "${name}" is not set: defaulting to a blank string`;
  if (!ctx.warnings.includes(message)) ctx.warnings.push(message);
}

/** Writes the collected environment (env_file inlines first, environment overriding). */
export function flushEnvironment(s: ServiceScope): void {
  for (const [name, v] of s.env) s.w.put("Environment", escapeSystemd(`${name}=${v}`));
}

export const labels: Handler = (value, s, key) => keyValuesTo("Label", value, s, key);
export const annotations: Handler = (value, s, key) => keyValuesTo("Annotation", value, s, key);

function keyValuesTo(quadletKey: string, value: unknown, s: ServiceScope, key: string): void {
  for (const [k, v] of keyValues(value, key)) s.w.put(quadletKey, escapeSystemd(`${k}=${v ?? ""}`));
}
