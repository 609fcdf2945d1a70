/** A service's `build` → a `.build` unit (Podman ≥ 5.2) that the container runs with `Image=<unit>.build`. */
import { posix } from "node:path";
import { type ConvertContext, FieldWriter, unitBase } from "./context.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { newDraft, type UnitDraft } from "./unit_file.ts";
import type { Handler } from "./service_scope.ts";
import { bool, isMapping, keyValues, mapping, scalar } from "./values.ts";
import { atLeast, UNIT_TYPE_SINCE } from "./versions.ts";

const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/;
const HANDLED = new Set(["context", "dockerfile", "args", "target", "labels", "network", "pull", "no_cache"]);

/** The image a build produces: the service's `image`, else `localhost/<unit base>:latest`. */
export function builtImage(ctx: ConvertContext, service: string, image: unknown): string {
  return typeof image === "string" && image !== "" ? image : `localhost/${unitBase(ctx, service)}:latest`;
}

export function convertBuild(service: string, svc: Record<string, unknown>, ctx: ConvertContext): UnitDraft {
  const spec = typeof svc["build"] === "string" ? { context: svc["build"] } : mapping(svc["build"], "build");
  const draft = newDraft(`${unitBase(ctx, service)}.build`, "build");
  const w = new FieldWriter(ctx, draft, `service "${service}" build`);
  w.put("ImageTag", escapeSystemd(builtImage(ctx, service, svc["image"])));
  const context = spec["context"] === undefined ? "." : scalar(spec["context"], "build.context");
  const remote = REMOTE.test(context);
  const dir = remote ? context : posix.resolve(ctx.projectDir, context);
  w.put("SetWorkingDirectory", escapeSystemd(dir));
  if (spec["dockerfile"] !== undefined) {
    const file = scalar(spec["dockerfile"], "build.dockerfile");
    w.put("File", escapeSystemd(remote ? file : posix.resolve(dir, file)));
  }
  if (spec["args"] !== undefined) {
    for (const [k, v] of keyValues(spec["args"], "build.args")) {
      const value = v ?? ctx.lookup(k);
      if (value !== undefined) w.args("--build-arg", escapeSystemd(`${k}=${value}`));
    }
  }
  if (spec["target"] !== undefined) w.put("Target", escapeSystemd(scalar(spec["target"], "build.target")));
  if (spec["labels"] !== undefined) {
    for (const [k, v] of keyValues(spec["labels"], "build.labels")) {
      w.put("Label", escapeSystemd(`${k}=${v ?? ""}`));
    }
  }
  if (spec["network"] !== undefined) {
    w.put("Network", escapeSystemd(scalar(spec["network"], "build.network")));
  }
  if (spec["pull"] !== undefined && bool(spec["pull"], "build.pull")) w.put("Pull", "always");
  if (spec["no_cache"] !== undefined && bool(spec["no_cache"], "build.no_cache")) w.args("--no-cache");
  for (const key of Object.keys(isMapping(svc["build"]) ? svc["build"] : {})) {
    if (!HANDLED.has(key)) {
      ctx.unsupported.push({
        service,
        key: `build.${key}`,
        reason: `build option "${key}" is not converted`,
      });
    }
  }
  w.finish();
  return draft;
}

export function buildUnits(ctx: ConvertContext): boolean {
  return atLeast(ctx.podmanVersion, UNIT_TYPE_SINCE.build);
}

/** With .build units the build unit is made by convertService; older targets report the key. */
export const buildKey: Handler = (value, s, key) => {
  if (value !== null && !buildUnits(s.ctx)) {
    s.unsupported(
      key,
      `building images needs .build units (Podman ${UNIT_TYPE_SINCE.build}); the service uses \`image\``,
    );
  }
};
