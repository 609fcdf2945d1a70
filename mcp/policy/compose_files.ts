/**
 * Host files and programs a compose service reaches besides its volumes: env_file, label_file, podman-compose's
 * `x-podman.rootfs` and `init-path`, the build context and Dockerfile, a log file path, a runtime program and
 * `extends` from another file.
 */
import { posix } from "node:path";
import { type ComposeReader, items, text } from "./compose_reader.ts";
import { detailOf } from "./flag_sink.ts";
import { flagHostPath } from "./path_flags.ts";
import { flagLogOption, flagRuntimeProgram, isRemoteContext } from "./rule_flags.ts";
import type { PolicyContext } from "./types.ts";
import { isMapping, type Mapping } from "../../shared/quadlet/values.ts";

const PATH_KEYS: readonly [string, string][] = [
  ["env_file", "reads environment variables from"],
  ["label_file", "reads labels from"],
  ["x-podman.rootfs", "runs from the root file system"],
  ["init-path", "runs as its init program"],
];

export function checkHostFiles(r: ComposeReader, svc: Mapping, ctx: PolicyContext): void {
  for (const [key, verb] of PATH_KEYS) {
    const many = Array.isArray(svc[key]);
    items(svc[key]).forEach((raw, i) => {
      const at = many ? `${key}[${i}]` : key;
      const value = r.read(raw, at, verb);
      const path = isMapping(value) ? text(value["path"]) : text(value);
      if (path !== undefined) flagHostPath(r.sink, path, ctx, verb, detailOf(at, raw));
    });
  }
  checkBuild(r, svc["build"], ctx);
  const logging = svc["logging"];
  if (isMapping(logging) && isMapping(logging["options"]) && logging["options"]["path"] !== undefined) {
    const raw = logging["options"]["path"];
    const path = text(r.read(raw, "logging.options.path", "writes its log to"));
    if (path !== undefined) flagLogOption(r.sink, `path=${path}`, detailOf("logging.options.path", raw));
  }
  if (svc["runtime"] !== undefined) {
    const runtime = text(r.read(svc["runtime"], "runtime", "runs as its runtime"));
    if (runtime !== undefined) flagRuntimeProgram(r.sink, runtime, detailOf("runtime", svc["runtime"]));
  }
  const ext = svc["extends"];
  if (isMapping(ext) && ext["file"] !== undefined) {
    const file = text(r.read(ext["file"], "extends.file", "extends a service from"));
    if (file !== undefined) {
      r.sink.add(
        "unchecked-file",
        "confirm",
        `extends a service from ${file}, which this check does not read.`,
        detailOf("extends", ext),
      );
    }
  }
}

/** build: CONTEXT, or {context, dockerfile, additional_contexts}. */
function checkBuild(r: ComposeReader, build: unknown, ctx: PolicyContext): void {
  if (build === undefined || build === null) return;
  const spec = isMapping(build) ? build : { context: build };
  const context = text(r.read(spec["context"] ?? ".", "build.context", "builds an image from")) ?? undefined;
  if (context !== undefined && !isRemoteContext(context)) {
    flagHostPath(
      r.sink,
      context,
      ctx,
      "builds an image from",
      detailOf("build.context", spec["context"] ?? "."),
    );
    const dockerfile = text(r.read(spec["dockerfile"], "build.dockerfile", "builds from the Dockerfile"));
    if (dockerfile !== undefined && spec["dockerfile_inline"] === undefined) {
      const path = dockerfile.startsWith("/") ? dockerfile : posix.join(context, dockerfile);
      flagHostPath(
        r.sink,
        path,
        ctx,
        "builds from the Dockerfile",
        detailOf("build.dockerfile", spec["dockerfile"]),
      );
    }
  }
  const extra = spec["additional_contexts"];
  const entries: [string, unknown][] = isMapping(extra)
    ? Object.entries(extra)
    : items(extra).map((e, i) => [`[${i}]`, e]);
  for (const [name, raw] of entries) {
    const key = `build.additional_contexts${name.startsWith("[") ? name : `.${name}`}`;
    let value = text(r.read(raw, key, "builds an image from"));
    if (value === undefined) continue;
    if (!isMapping(extra)) value = value.slice(value.indexOf("=") + 1);
    if (!isRemoteContext(value)) flagHostPath(r.sink, value, ctx, "builds an image from", detailOf(key, raw));
  }
}
