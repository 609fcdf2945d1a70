/** hostname, working_dir, ulimits, sysctls, logging, shm_size, pids_limit, pull_policy, secrets, expose. */
import { posix } from "node:path";
import { containerName, requireService } from "./context.ts";
import { InvalidValue } from "./failure.ts";
import type { Handler } from "./service_scope.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { isMapping, keyValues, list, mapping, scalar } from "./values.ts";

export const hostname: Handler = (value, s, key) => s.w.put("HostName", escapeSystemd(scalar(value, key)));
export const workingDir: Handler = (value, s, key) =>
  s.w.put("WorkingDir", escapeSystemd(scalar(value, key)));
export const shmSize: Handler = (value, s, key) => s.w.put("ShmSize", escapeSystemd(scalar(value, key)));
export const pidsLimit: Handler = (value, s, key) => s.w.put("PidsLimit", escapeSystemd(scalar(value, key)));

/** The container name is set for every unit from the service name; this only checks the value. */
export const containerNameKey: Handler = (value, _s, key) => void scalar(value, key);

export const ulimits: Handler = (value, s, key) => {
  for (const [name, limit] of Object.entries(mapping(value, key))) {
    const k = `${key}.${name}`;
    const text = isMapping(limit)
      ? `${scalar(limit["soft"], `${k}.soft`)}:${scalar(limit["hard"], `${k}.hard`)}`
      : scalar(limit, k);
    s.w.put("Ulimit", escapeSystemd(`${name}=${text}`));
  }
};

export const sysctls: Handler = (value, s, key) => {
  for (const [k, v] of keyValues(value, key)) {
    if (v === undefined) throw new InvalidValue(`${key}.${k}`, `Cannot use sysctl "${k}": no value`);
    s.w.put("Sysctl", escapeSystemd(`${k}=${v}`));
  }
};

export const logging: Handler = (value, s, key) => {
  const log = mapping(value, key);
  if (log["driver"] !== undefined) {
    s.w.put("LogDriver", escapeSystemd(scalar(log["driver"], `${key}.driver`)));
  }
  if (log["options"] !== undefined) {
    for (const [k, v] of keyValues(log["options"], `${key}.options`)) {
      s.w.put("LogOpt", escapeSystemd(`${k}=${v ?? ""}`));
    }
  }
};

const PULL: Record<string, string> = {
  always: "always",
  never: "never",
  missing: "missing",
  if_not_present: "missing",
};

export const pullPolicy: Handler = (value, s, key) => {
  const policy = scalar(value, key);
  const pull = PULL[policy];
  if (pull === undefined) {
    s.unsupported(key, `pull_policy "${policy}" has no Podman equivalent (always, never, missing)`);
    return;
  }
  s.w.put("Pull", pull);
};

/**
 * Service secrets → Secret=NAME[,target=…]; Podman keeps secrets in its own store, so the report says how to
 * create each one from the compose definition.
 */
export const secrets: Handler = (value, s, key) => {
  list(value, key).forEach((item, i) => {
    const itemKey = `${key}[${i}]`;
    const source = isMapping(item) ? scalar(item["source"], `${itemKey}.source`) : scalar(item, itemKey);
    const def = s.ctx.secrets[source];
    if (!Object.hasOwn(s.ctx.secrets, source)) {
      throw new InvalidValue(
        itemKey,
        `Cannot use secret "${source}": it is not declared in the top-level secrets`,
      );
    }
    const name = isMapping(def) && def["name"] !== undefined
      ? scalar(def["name"], `secrets.${source}.name`)
      : source;
    const opts = [name];
    if (isMapping(item)) {
      for (const opt of ["target", "uid", "gid"]) {
        if (item[opt] !== undefined) opts.push(`${opt}=${scalar(item[opt], `${itemKey}.${opt}`)}`);
      }
      if (item["mode"] !== undefined) opts.push(`mode=${octalMode(item["mode"], `${itemKey}.mode`)}`);
    }
    s.w.put("Secret", escapeSystemd(opts.join(",")));
  });
};

/** Generic PodmanArgs passthrough: true → flag; scalar → flag value; list → repeated; mapping → k=v. */
export function passthrough(flag: string): Handler {
  return (value, s, key) => {
    if (value === true) s.w.args(flag);
    else if (value === false || value === null) return;
    else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) s.w.args(flag, arg(v, `${key}[${i}]`));
    } else if (isMapping(value)) {
      for (const [k, v] of Object.entries(value)) s.w.args(flag, arg(`${k}=${scalar(v, key)}`, key));
    } else s.w.args(flag, arg(value, key));
  };
}

function arg(value: unknown, key: string): string {
  return escapeSystemd(scalar(value, key));
}

/** volumes_from: `service[:ro]` or `container:name[:ro]` → --volumes-from with the Podman container name. */
export const volumesFrom: Handler = (value, s, key) => {
  list(value, key).forEach((item, i) => {
    const text = scalar(item, `${key}[${i}]`);
    const [first, second, third] = text.split(":");
    const isContainer = first === "container";
    const target = isContainer ? second ?? "" : first ?? "";
    const mode = isContainer ? third : second;
    if (!isContainer) requireService(s.ctx, target, `${key}[${i}]`, `Cannot use volumes_from "${text}"`);
    const name = isContainer ? target : containerName(s.ctx, target);
    s.w.args("--volumes-from", escapeSystemd(mode ? `${name}:${mode}` : name));
  });
};

export const labelFile: Handler = (value, s, key) => {
  const files = Array.isArray(value) ? value : [value];
  files.forEach((f, i) =>
    s.w.args("--label-file", escapeSystemd(posix.resolve(s.ctx.projectDir, scalar(f, `${key}[${i}]`))))
  );
};

/**
 * File modes are octal. YAML 1.2 reads `0400` as the number 400, so digits 0-7 are taken as the octal digits
 * the author wrote; an explicit `0o400` string is accepted too.
 */
function octalMode(value: unknown, key: string): string {
  const text = scalar(value, key).replace(/^0o/, "");
  if (!/^[0-7]{1,4}$/.test(text)) {
    throw new InvalidValue(key, `Cannot parse file mode "${text}": expected octal digits`);
  }
  return `0${text.replace(/^0+(?=.)/, "")}`;
}
