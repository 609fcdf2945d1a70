/** environment, env_file, labels, annotations. */
import { posix } from "node:path";
import { parseDotenv } from "./dotenv.ts";
import { InvalidValue } from "./failure.ts";
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
 * A file podman's --env-file reads the same way (plain KEY=VALUE lines) becomes EnvironmentFile=, so its
 * values stay in the file; any other file (quotes, comments after values, bare keys) is inlined.
 */
export const envFile: Handler = (value, s, key) => {
  const items = Array.isArray(value) ? list(value, key) : [value];
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
    const parsed = parseDotenv(text);
    if (!parsed.ok) {
      throw new InvalidValue(itemKey, `Cannot parse env_file "${abs}": ${parsed.error.message}`);
    }
    if (parsed.value.every((e) => e.plain)) {
      s.w.put("EnvironmentFile", escapeSystemd(abs));
      return;
    }
    s.w.warnOnce(
      `service "${s.name}": env_file "${abs}" uses quoting or bare keys that podman --env-file reads ` +
        `differently; its variables were written into the unit as Environment=`,
    );
    for (const e of parsed.value) {
      const v = e.value ?? s.ctx.lookup(e.key);
      if (v !== undefined && !s.env.has(e.key)) s.env.set(e.key, v);
    }
  });
};

/** Writes the collected environment (env_file inlines first, environment overriding). */
export function flushEnvironment(s: ServiceScope): void {
  for (const [name, v] of s.env) s.w.put("Environment", escapeSystemd(`${name}=${v}`));
}

export const labels: Handler = (value, s, key) => keyValuesTo("Label", value, s, key);
export const annotations: Handler = (value, s, key) => keyValuesTo("Annotation", value, s, key);

function keyValuesTo(quadletKey: string, value: unknown, s: ServiceScope, key: string): void {
  for (const [k, v] of keyValues(value, key)) s.w.put(quadletKey, escapeSystemd(`${k}=${v ?? ""}`));
}
