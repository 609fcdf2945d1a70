/** security_opt, cap_add, cap_drop, devices, user, group_add, read_only, userns_mode. */
import { InvalidValue } from "./failure.ts";
import type { Handler } from "./service_scope.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { bool, isMapping, list, scalar, stringList } from "./values.ts";
import { lookupTable } from "./lookup_table.ts";

const LABEL_KEYS: Record<string, string> = lookupTable({
  type: "SecurityLabelType",
  level: "SecurityLabelLevel",
  filetype: "SecurityLabelFileType",
});

export const securityOpt: Handler = (value, s, key) => {
  stringList(value, key).forEach((opt, i) => {
    const itemKey = `${key}[${i}]`;
    const at = opt.search(/[=:]/);
    const name = at < 0 ? opt : opt.slice(0, at);
    const arg = at < 0 ? "" : opt.slice(at + 1);
    if (name === "no-new-privileges") {
      if (arg === "" || arg === "true") s.w.put("NoNewPrivileges", "true");
      else if (arg !== "false") throw new InvalidValue(itemKey, `Cannot parse security option "${opt}"`);
    } else if (name === "seccomp") {
      s.w.put("SeccompProfile", escapeSystemd(arg));
    } else if (name === "label" && arg === "disable") {
      s.w.put("SecurityLabelDisable", "true");
    } else if (name === "label" && LABEL_KEYS[arg.split(":")[0] ?? ""] && arg.includes(":")) {
      const [kind, ...rest] = arg.split(":");
      s.w.put(LABEL_KEYS[kind as string] as string, escapeSystemd(rest.join(":")));
    } else {
      s.w.args("--security-opt", escapeSystemd(`${name}=${arg}`));
    }
  });
};

export const capAdd: Handler = (value, s, key) => {
  for (const cap of stringList(value, key)) s.w.put("AddCapability", escapeSystemd(cap));
};
export const capDrop: Handler = (value, s, key) => {
  for (const cap of stringList(value, key)) s.w.put("DropCapability", escapeSystemd(cap));
};

/** `HOST[:CONTAINER[:PERMISSIONS]]` strings, or the long form {source, target, permissions}. */
export const devices: Handler = (value, s, key) => {
  list(value, key).forEach((item, i) => {
    const itemKey = `${key}[${i}]`;
    let text: string;
    if (isMapping(item)) {
      const parts = [scalar(item["source"] ?? "", `${itemKey}.source`)];
      if (item["target"] !== undefined) parts.push(scalar(item["target"], `${itemKey}.target`));
      if (item["permissions"] !== undefined) {
        parts.push(scalar(item["permissions"], `${itemKey}.permissions`));
      }
      text = parts.join(":");
    } else {
      text = scalar(item, itemKey);
    }
    if (text === "" || text.startsWith(":")) throw new InvalidValue(itemKey, `Cannot parse device "${text}"`);
    s.w.put("AddDevice", escapeSystemd(text));
  });
};

export const user: Handler = (value, s, key) => s.w.put("User", escapeSystemd(scalar(value, key)));

export const groupAdd: Handler = (value, s, key) => {
  for (const g of stringList(value, key)) s.w.put("GroupAdd", escapeSystemd(g));
};

export const readOnly: Handler = (value, s, key) => {
  if (bool(value, key)) s.w.put("ReadOnly", "true");
};

export const usernsMode: Handler = (value, s, key) => s.w.put("UserNS", escapeSystemd(scalar(value, key)));
