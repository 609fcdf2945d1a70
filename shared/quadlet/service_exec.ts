/**
 * command, entrypoint and healthcheck.
 *
 * Podman's --health-cmd takes a JSON array only in the `["CMD-SHELL", "…"]` form: Podman 4.3.1 turns
 * `["CMD", "curl", …]` into one bogus word (verified on the testbed). So a `CMD` list is joined into one
 * shell-quoted string and runs through /bin/sh, which the report notes.
 */
import { durationSeconds, parseDuration } from "./duration.ts";
import { InvalidValue } from "./failure.ts";
import type { Handler } from "./service_scope.ts";
import { rawSafe } from "./context.ts";
import { shellJoin, shellSplit } from "./shell_words.ts";
import { EMPTY_WORD, EMPTY_WORD_VAR, escapeSystemd } from "./systemd_quote.ts";
import { addField } from "./unit_file.ts";
import { bool, list, mapping, scalar } from "./values.ts";

/** A compose command/entrypoint: a list, or a string split the way a shell would. */
export function commandWords(value: unknown, key: string): string[] {
  if (Array.isArray(value)) return list(value, key).map((v, i) => scalar(v, `${key}[${i}]`));
  const text = scalar(value, key);
  const words = shellSplit(text);
  if (words === undefined) throw new InvalidValue(key, `Cannot parse command "${text}": unterminated quote`);
  return words;
}

export const command: Handler = (value, s, key) => {
  if (value === null) return;
  const words = commandWords(value, key);
  if (words.length === 0) return;
  if (words.some((w) => w.includes("\0"))) {
    s.unsupported(key, "a command word holds a NUL character, which no process argument can hold");
    return;
  }
  s.w.put("Exec", ...words.map((w) => (w === "" ? EMPTY_WORD : escapeSystemd(w))));
  if (words.includes("")) addField(s.draft, "Service", "Environment", `${EMPTY_WORD_VAR}=`);
};

export const entrypoint: Handler = (value, s, key) => {
  if (value === null) return;
  const words = commandWords(value, key);
  if (words.length === 0) {
    s.w.args("--entrypoint", "");
    return;
  }
  const text = words.length === 1 && rawSafe(words[0] as string) && !(words[0] as string).startsWith("[")
    ? words[0] as string
    : JSON.stringify(words);
  s.w.put("Entrypoint", escapeSystemd(text));
};

const HEALTH_TIMES: Record<string, string> = {
  interval: "HealthInterval",
  timeout: "HealthTimeout",
  start_period: "HealthStartPeriod",
};

export const healthcheck: Handler = (value, s, key) => {
  const hc = mapping(value, key);
  if (hc["disable"] !== undefined && bool(hc["disable"], `${key}.disable`)) {
    s.w.put("HealthCmd", "none");
    return;
  }
  for (const sub of Object.keys(hc)) {
    if (!["test", "interval", "timeout", "retries", "start_period", "disable"].includes(sub)) {
      s.unsupported(`${key}.${sub}`, `healthcheck option "${sub}" has no quadlet equivalent`);
    }
  }
  if (hc["test"] !== undefined) {
    const shell = healthShell(hc["test"], `${key}.test`, s.name, (m) => s.w.warnOnce(m));
    if (shell === undefined) {
      s.w.put("HealthCmd", "none");
      return;
    }
    const text = rawSafe(shell) && !shell.startsWith("[") ? shell : JSON.stringify(["CMD-SHELL", shell]);
    s.w.put("HealthCmd", escapeSystemd(text));
  }
  for (const [sub, quadletKey] of Object.entries(HEALTH_TIMES)) {
    if (hc[sub] === undefined) continue;
    const text = scalar(hc[sub], `${key}.${sub}`);
    if (parseDuration(text) === undefined) {
      throw new InvalidValue(`${key}.${sub}`, `Cannot parse duration "${text}": expected e.g. 30s or 1m30s`);
    }
    s.w.put(quadletKey, /^\d+(\.\d+)?$/.test(text) ? `${durationSeconds(text)}s` : text);
  }
  if (hc["retries"] !== undefined) {
    const text = scalar(hc["retries"], `${key}.retries`);
    if (!/^\d+$/.test(text)) {
      throw new InvalidValue(`${key}.retries`, `Cannot parse retries "${text}": not a number`);
    }
    s.w.put("HealthRetries", text);
  }
};

/** The shell command of a healthcheck test; undefined for `["NONE"]`. */
function healthShell(
  test: unknown,
  key: string,
  service: string,
  warn: (m: string) => void,
): string | undefined {
  if (!Array.isArray(test)) return scalar(test, key);
  const words = list(test, key).map((v, i) => scalar(v, `${key}[${i}]`));
  const [kind, ...rest] = words;
  if (kind === "NONE") return undefined;
  if (kind === "CMD-SHELL" && rest.length === 1) return rest[0] as string;
  if (kind === "CMD" && rest.length > 0) {
    warn(
      `service "${service}": healthcheck CMD form runs through /bin/sh (Podman's --health-cmd takes a shell string)`,
    );
    return shellJoin(rest);
  }
  throw new InvalidValue(
    key,
    `Cannot parse healthcheck test ${JSON.stringify(words)}: expected CMD, CMD-SHELL or NONE`,
  );
}
