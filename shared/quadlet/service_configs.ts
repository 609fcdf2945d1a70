/**
 * configs: compose puts each config as a read-only file in the container (at `target`, default `/<name>`).
 * A config from a `file:` becomes a read-only bind mount of that file. One from `content:` or `environment:` has no
 * file on the host, so it is mounted as a Podman secret (`Secret=NAME,type=mount,target=…`), which the report says
 * how to create once, as for compose secrets. `external` configs are Swarm objects and are reported.
 */
import { posix } from "node:path";
import { hostPath } from "./context.ts";
import { InvalidValue } from "./failure.ts";
import type { Handler, ServiceScope } from "./service_scope.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { isMapping, list, type Mapping, scalar } from "./values.ts";

export const configs: Handler = (value, s, key) => {
  list(value, key).forEach((item, i) => {
    const itemKey = `${key}[${i}]`;
    const source = isMapping(item) ? scalar(item["source"], `${itemKey}.source`) : scalar(item, itemKey);
    if (!Object.hasOwn(s.ctx.configs, source)) {
      throw new InvalidValue(
        itemKey,
        `Cannot use config "${source}": it is not declared in the top-level configs`,
      );
    }
    const def: Mapping = isMapping(s.ctx.configs[source]) ? s.ctx.configs[source] as Mapping : {};
    const opts: Mapping = isMapping(item) ? item : {};
    const target = posix.resolve(
      "/",
      opts["target"] === undefined ? source : scalar(opts["target"], `${itemKey}.target`),
    );
    if (typeof def["file"] === "string") {
      for (const o of ["uid", "gid", "mode"]) {
        if (opts[o] !== undefined) {
          s.unsupported(
            `${itemKey}.${o}`,
            `a config from a file is bind-mounted, so it keeps the file's own ${o}`,
          );
        }
      }
      s.w.put("Volume", `${hostPath(s.ctx, def["file"])}:${escapeSystemd(target)}:ro`);
    } else if (def["content"] !== undefined || def["environment"] !== undefined) {
      secretConfig(s, source, def, opts, target, itemKey);
    } else if (def["external"] === true) {
      s.unsupported(itemKey, `config "${source}" is external, a Swarm object Podman does not have`);
    } else {
      throw new InvalidValue(
        itemKey,
        `Cannot use config "${source}": it has neither file, content nor environment`,
      );
    }
  });
};

function secretConfig(
  s: ServiceScope,
  source: string,
  def: Mapping,
  opts: Mapping,
  target: string,
  key: string,
) {
  const name = typeof def["name"] === "string" ? def["name"] : `${s.ctx.project}_${source}`;
  const parts = [name, "type=mount", `target=${target}`];
  for (const o of ["uid", "gid"]) {
    if (opts[o] !== undefined) parts.push(`${o}=${scalar(opts[o], `${key}.${o}`)}`);
  }
  if (opts["mode"] !== undefined) parts.push(`mode=${scalar(opts["mode"], `${key}.mode`)}`);
  s.w.put("Secret", escapeSystemd(parts.join(",")));
  const how = def["environment"] !== undefined
    ? `printenv ${
      scalar(def["environment"], `configs.${source}.environment`)
    } | podman secret create ${name} -`
    : `podman secret create ${name} FILE (FILE holding the config's content)`;
  s.w.warnOnce(`config "${source}" is mounted as a Podman secret; create it once with: ${how}`);
}
