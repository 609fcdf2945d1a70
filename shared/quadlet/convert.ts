/**
 * compose text (+ .env, environment, env_file contents) → quadlet units and a report. Pure: no I/O.
 * Errors that make the input unusable come back as a `ConvertError`; keys that cannot be converted are
 * listed in the report, and the units are still produced.
 */
import { posix } from "node:path";
import { err, ok, type Result } from "../result.ts";
import type { ConvertContext } from "./context.ts";
import { convertService } from "./container.ts";
import { warnUnset } from "./service_env.ts";
import { InvalidValue } from "./failure.ts";
import { isExtensionKey, TOP_LEVEL_KEYS } from "./key_table.ts";
import { SERVICE_NAME_PATTERN } from "../names.ts";
import { loadCompose } from "./load_compose.ts";
import { convertNetwork } from "./network.ts";
import { normalizeProjectName, projectName } from "./project_name.ts";
import { activeProfiles, inactiveProfiles } from "./profiles.ts";
import {
  type Conversion,
  type ConvertError,
  type ConvertInput,
  type ConvertOptions,
  DEFAULT_START_TIMEOUT_SEC,
  type QuadletUnit,
} from "./types.ts";
import { addField, MAIN_SECTION, renderUnit, section, type UnitDraft } from "./unit_file.ts";
import { isMapping, type Mapping } from "./values.ts";
import { atLeast, parseVersion, QUADLET_VALUE_SINCE, UNIT_TYPE_SINCE } from "./versions.ts";
import { convertVolume } from "./volume.ts";

export const DEFAULT_PODMAN_VERSION = "4.9";
const STACK_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export function convertCompose(
  input: ConvertInput,
  options: ConvertOptions = {},
): Result<Conversion, ConvertError> {
  const file = input.composeFile ?? "compose.yaml";
  const podmanVersion = options.podmanVersion ?? DEFAULT_PODMAN_VERSION;
  if (parseVersion(podmanVersion) === undefined) {
    return err({ file, message: `Cannot use Podman version "${podmanVersion}": expected e.g. 4.9 or 5.4.2` });
  }
  const startTimeout = options.startTimeoutSec ?? DEFAULT_START_TIMEOUT_SEC;
  if (!Number.isInteger(startTimeout) || startTimeout < 0) {
    return err({
      file,
      message: `Cannot use start timeout ${startTimeout}: expected whole seconds, 0 or more`,
    });
  }
  if (!atLeast(podmanVersion, UNIT_TYPE_SINCE.container)) {
    return err({ file, message: `Cannot target Podman ${podmanVersion}: quadlet needs Podman 4.4 or newer` });
  }
  const loaded = loadCompose(input);
  if (!loaded.ok) return loaded;
  const doc = loaded.value.doc;
  const project = options.projectName !== undefined
    ? ok(normalizeProjectName(options.projectName))
    : projectName(doc["name"], loaded.value.lookup, input.projectDir);
  if (!project.ok) return err({ file, key: "name", message: project.error });
  if (project.value === "") {
    return err({
      file,
      message: `Cannot use project name "${options.projectName}": it has no letter or digit`,
    });
  }
  const stack = options.stack ?? (typeof doc["name"] === "string" ? project.value : undefined);
  if (stack !== undefined && !STACK_NAME.test(stack)) {
    return err({
      file,
      message: `Cannot use stack name "${stack}": use lowercase letters, digits, "-" and "_"`,
    });
  }
  const sections = readSections(doc, file);
  if (!sections.ok) return sections;
  const { networks, volumes, secrets, configs } = sections.value;
  const active = activeProfiles(options.profiles, loaded.value.lookup);
  const services: Record<string, Mapping> = {};
  const inactive = new Map<string, string[]>();
  for (const [name, svc] of Object.entries(sections.value.services)) {
    const profiles = guard(() => inactiveProfiles(svc, active), file, name);
    if (!profiles.ok) return profiles;
    if (profiles.value === undefined) services[name] = svc;
    else inactive.set(name, profiles.value);
  }
  const ctx: ConvertContext = {
    podmanVersion,
    prefix: stack ? `${stack}-` : "",
    project: project.value,
    projectDir: input.projectDir,
    lookup: loaded.value.lookup,
    envFiles: input.envFiles ?? {},
    services,
    inactive,
    networks,
    volumes,
    secrets,
    configs,
    defaultNetworkUnit: Object.hasOwn(networks, "default") || joinsDefault(services, podmanVersion),
    healthWaitedOn: new Set(),
    completionWaitedOn: new Set(),
    unsupported: [],
    warnings: [],
  };
  for (const name of loaded.value.unset) warnUnset(ctx, name);
  topLevelReport(doc, ctx);
  const drafts: [string, UnitDraft][] = [];
  for (const [name, svc] of Object.entries(services)) {
    const made = guard(() => convertService(name, svc, ctx), file, name);
    if (!made.ok) return made;
    for (const d of made.value) drafts.push([name, d]);
  }
  if (ctx.defaultNetworkUnit && !Object.hasOwn(networks, "default")) {
    const draft = guard(() => convertNetwork("default", {}, ctx), file);
    if (!draft.ok) return draft;
    if (draft.value) drafts.push(["default", draft.value]);
  }
  for (const [name, def] of Object.entries(networks)) {
    const draft = guard(() => convertNetwork(name, def, ctx), file);
    if (!draft.ok) return draft;
    if (draft.value) drafts.push([name, draft.value]);
  }
  for (const [name, def] of Object.entries(volumes)) {
    const draft = guard(() => convertVolume(name, def, ctx), file);
    if (!draft.ok) return draft;
    if (draft.value) drafts.push([name, draft.value]);
  }
  markHealthNotify(drafts, ctx);
  markOneshot(drafts, ctx);
  if (startTimeout > 0) markStartTimeout(drafts, ctx, startTimeout);
  const units: QuadletUnit[] = drafts.map(([source, d]) => {
    sortMainSection(d);
    return { fileName: d.fileName, kind: d.kind, text: renderUnit(d), source };
  });
  const skipped = [...inactive].map(([service, profiles]) => ({
    service,
    reason: `profiles ${profiles.map((p) => `"${p}"`).join(", ")} not active`,
  }));
  const conversion: Conversion = {
    units,
    report: {
      units: units.map((u) => u.fileName),
      unsupported: ctx.unsupported,
      warnings: ctx.warnings,
      skipped,
    },
  };
  if (stack) conversion.stack = stack;
  conversion.project = project.value;
  return ok(conversion);
}

interface Sections {
  services: Record<string, Mapping>;
  networks: Mapping;
  volumes: Mapping;
  secrets: Mapping;
  configs: Mapping;
}

function readSections(doc: Mapping, file: string): Result<Sections, ConvertError> {
  const services = doc["services"];
  if (!isMapping(services) || Object.keys(services).length === 0) {
    return err({ file, key: "services", message: "Cannot convert: the file has no services" });
  }
  for (const [name, svc] of Object.entries(services)) {
    if (!isMapping(svc)) {
      return err({ file, service: name, message: "Cannot convert service: it is not a mapping" });
    }
    if (!SERVICE_NAME_PATTERN.test(name)) {
      return err({ file, service: name, message: `Cannot convert service "${name}": invalid service name` });
    }
  }
  const out: Sections = {
    services: services as Record<string, Mapping>,
    networks: {},
    volumes: {},
    secrets: {},
    configs: {},
  };
  for (const key of ["networks", "volumes", "secrets", "configs"] as const) {
    const v = doc[key];
    if (v === undefined || v === null) continue;
    if (!isMapping(v)) return err({ file, key, message: `Cannot read top-level ${key}: expected a mapping` });
    for (const name of Object.keys(v)) {
      if (!SERVICE_NAME_PATTERN.test(name)) {
        return err({
          file,
          key: `${key}.${name}`,
          message: `Cannot use ${key} name "${name}": invalid name`,
        });
      }
    }
    out[key] = v;
  }
  return ok(out);
}

/**
 * Whether any service that becomes a unit is on compose's `default` network: it names `default`, or it has
 * neither `networks` nor `network_mode` (compose then puts it on `<project>_default`, even when it is alone).
 */
function joinsDefault(services: Record<string, Mapping>, podmanVersion: string): boolean {
  return Object.values(services).some((s) => {
    const becomesUnit = s["image"] !== undefined ||
      (s["build"] !== undefined && atLeast(podmanVersion, UNIT_TYPE_SINCE.build));
    const nets = s["networks"];
    const namesDefault = Array.isArray(nets)
      ? nets.includes("default")
      : isMapping(nets) && "default" in nets;
    return becomesUnit && (namesDefault || (nets === undefined && s["network_mode"] === undefined));
  });
}

function topLevelReport(doc: Mapping, ctx: ConvertContext): void {
  for (const key of Object.keys(doc)) {
    const rule = TOP_LEVEL_KEYS[key];
    if (rule === undefined) {
      if (isExtensionKey(key)) ctx.warnings.push(`top-level extension field "${key}" ignored`);
      else ctx.unsupported.push({ service: null, key, reason: "unknown compose top-level key" });
    } else if (rule.kind === "unsupported") ctx.unsupported.push({ service: null, key, reason: rule.reason });
    else if (rule.kind === "ignored") ctx.warnings.push(`top-level key "${key}" ignored: ${rule.reason}`);
  }
  for (const [name, def] of Object.entries(ctx.secrets)) {
    if (!isMapping(def) || def["external"] === true) continue;
    const secretName = typeof def["name"] === "string" ? def["name"] : name;
    if (typeof def["file"] === "string") {
      const path = posix.resolve(ctx.projectDir, def["file"]);
      ctx.warnings.push(`secret "${name}": create it once with: podman secret create ${secretName} ${path}`);
    } else if (typeof def["environment"] === "string") {
      ctx.warnings.push(
        `secret "${name}": create it once with: printenv ${
          def["environment"]
        } | podman secret create ${secretName} -`,
      );
    }
  }
}

/** Dependencies waited on with service_healthy report ready only once healthy. */
function markHealthNotify(drafts: [string, UnitDraft][], ctx: ConvertContext): void {
  for (const [name, draft] of drafts) {
    if (draft.kind !== "container" || !ctx.healthWaitedOn.has(name)) continue;
    if (atLeast(ctx.podmanVersion, QUADLET_VALUE_SINCE.notifyHealthy.since)) {
      addField(draft, "Container", "Notify", "healthy");
    } else if (atLeast(ctx.podmanVersion, QUADLET_VALUE_SINCE.sdnotifyHealthyFlag.since)) {
      addField(draft, "Container", "PodmanArgs", "--sdnotify=healthy");
      ctx.warnings.push(
        `service "${name}": Notify=healthy needs Podman 5.0; written as PodmanArgs=--sdnotify=healthy`,
      );
    } else {
      ctx.unsupported.push({
        service: name,
        key: "healthcheck",
        reason: `dependents wait for it to be healthy, which needs Podman 4.7 (target ${ctx.podmanVersion})`,
      });
    }
  }
}

/**
 * A service others wait for with `service_completed_successfully` runs as a one-shot job: systemd starts its
 * dependents only after the container has exited 0 (`Type=oneshot`; quadlet then runs it in the foreground), and
 * `RemainAfterExit=yes` keeps it "active" so the dependents' `Requires=` stays met. systemd allows no
 * `Restart=always` on a one-shot unit, so that becomes `Restart=on-failure` (reported).
 */
function markOneshot(drafts: [string, UnitDraft][], ctx: ConvertContext): void {
  for (const [name, draft] of drafts) {
    if (draft.kind !== "container" || !ctx.completionWaitedOn.has(name)) continue;
    const service = section(draft, "Service");
    const restart = service.fields.find((f) => f.key === "Restart");
    if (restart?.words[0] === "always") {
      restart.words = ["on-failure"];
      ctx.warnings.push(
        `service "${name}": others wait for it to complete, so it runs as Type=oneshot, where systemd allows no ` +
          "Restart=always; written as Restart=on-failure",
      );
    }
    addField(draft, "Service", "Type", "oneshot");
    addField(draft, "Service", "RemainAfterExit", "yes");
  }
}

/**
 * The first start pulls the image inside the unit's start timeout; systemd's 90 s default fails big pulls. Units
 * that cannot pull (a `.build` or `localhost/` image, `pull_policy: never`) and one-shot units (no timeout by
 * default, and their run counts towards it) keep systemd's default.
 */
function markStartTimeout(drafts: [string, UnitDraft][], ctx: ConvertContext, seconds: number): void {
  for (const [name, draft] of drafts) {
    if (draft.kind !== "container") continue;
    const image = section(draft, "Container").fields.find((f) => f.key === "Image")?.words[0] ?? "";
    const oneshot = section(draft, "Service").fields.some((f) =>
      f.key === "Type" && f.words[0] === "oneshot"
    );
    const never = ctx.services[name]?.["pull_policy"] === "never";
    if (oneshot || never || image.endsWith(".build") || image.startsWith("localhost/")) continue;
    addField(draft, "Service", "TimeoutStartSec", String(seconds));
  }
}

const FIRST = ["Image", "ContainerName"];

function sortMainSection(draft: UnitDraft): void {
  const main = draft.sections.find((s) => s.name === MAIN_SECTION[draft.kind]);
  if (!main) return;
  const rank = (k: string) =>
    FIRST.includes(k) ? FIRST.indexOf(k) : k === "PodmanArgs" ? FIRST.length + 1 : FIRST.length;
  main.fields = main.fields
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f.key) - rank(b.f.key) || cmp(a.f.key, b.f.key) || a.i - b.i)
    .map((x) => x.f);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function guard<T>(fn: () => T, file: string, service?: string): Result<T, ConvertError> {
  try {
    return ok(fn());
  } catch (e) {
    if (!(e instanceof InvalidValue)) throw e;
    const error: ConvertError = { file, key: e.key, message: e.message };
    if (service !== undefined) error.service = service;
    return err(error);
  }
}
