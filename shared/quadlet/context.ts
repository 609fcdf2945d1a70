/**
 * What every part of one conversion shares: unit naming, the target Podman version, the report being built,
 * and the declared top-level networks/volumes/secrets.
 */
import { posix } from "node:path";
import type { Lookup } from "./interpolate.ts";
import { InvalidValue } from "./failure.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import type { UnsupportedKey } from "./types.ts";
import { addField, MAIN_SECTION, type UnitDraft, WORD_KEYS } from "./unit_file.ts";
import { atLeast, QUADLET_KEY_SINCE } from "./versions.ts";
import { isMapping, type Mapping } from "./values.ts";

export interface ConvertContext {
  podmanVersion: string;
  /** "" or "stack-". */
  prefix: string;
  /** The compose project name: volumes and networks are named `<project>_<name>`. */
  project: string;
  projectDir: string;
  lookup: Lookup;
  envFiles: Readonly<Record<string, string>>;
  /** The services being converted (those with an active profile, or none). */
  services: Readonly<Record<string, Mapping>>;
  /** Services left out for their inactive profiles → those profiles. */
  inactive: ReadonlyMap<string, readonly string[]>;
  networks: Mapping;
  volumes: Mapping;
  secrets: Mapping;
  configs: Mapping;
  /** Whether the implicit `default` network gets a unit (two or more services on it). */
  defaultNetworkUnit: boolean;
  /** Services another service waits for with `condition: service_healthy`. */
  healthWaitedOn: Set<string>;
  /** Services another service waits for with `condition: service_completed_successfully`. */
  completionWaitedOn: Set<string>;
  unsupported: UnsupportedKey[];
  warnings: string[];
}

export function unitBase(ctx: ConvertContext, name: string): string {
  return `${ctx.prefix}${name}`;
}

/** The Podman container name of a service: `container_name`, else the unit base name. */
export function containerName(ctx: ConvertContext, service: string): string {
  const svc = ctx.services[service];
  const explicit = svc?.["container_name"];
  return typeof explicit === "string" || typeof explicit === "number"
    ? String(explicit)
    : unitBase(ctx, service);
}

/**
 * Throws unless `service` (named by `key` of another service) is converted; a service left out for its profiles
 * gets a message naming them. `what` starts the message: `Cannot depend on "db"`.
 */
export function requireService(ctx: ConvertContext, service: string, key: string, what: string): void {
  if (Object.hasOwn(ctx.services, service)) return;
  const profiles = ctx.inactive.get(service);
  if (profiles === undefined) throw new InvalidValue(key, `${what}: there is no service "${service}"`);
  throw new InvalidValue(
    key,
    `${what}: service "${service}" is left out, since its profiles ${
      profiles.map((p) => `"${p}"`).join(", ")
    } are not active`,
  );
}

/** How a container refers to a top-level network: its unit, or its name when external. */
export function networkRef(ctx: ConvertContext, name: string, key: string): string {
  if (name === "default" && !Object.hasOwn(ctx.networks, "default")) {
    return `${unitBase(ctx, "default")}.network`;
  }
  if (!Object.hasOwn(ctx.networks, name)) {
    throw new InvalidValue(key, `Cannot use network "${name}": it is not declared in the top-level networks`);
  }
  const def = ctx.networks[name];
  if (isMapping(def) && def["external"] === true) return String(def["name"] ?? name);
  return `${unitBase(ctx, name)}.network`;
}

/**
 * The name compose gives a top-level volume or network: its `name:`, else `<project>_<key>`. Quadlet can set it
 * only since the version in QUADLET_KEY_SINCE; older targets get `systemd-<unit>`, which is reported.
 */
export function writeResourceName(
  ctx: ConvertContext,
  w: FieldWriter,
  kind: "network" | "volume",
  name: string,
  def: Mapping,
): void {
  const key = kind === "network" ? "NetworkName" : "VolumeName";
  const explicit = def["name"];
  const value = typeof explicit === "string" || typeof explicit === "number"
    ? String(explicit)
    : `${ctx.project}_${name}`;
  const since = QUADLET_KEY_SINCE[kind][key]?.since ?? "4.7";
  if (atLeast(ctx.podmanVersion, since)) {
    w.put(key, escapeSystemd(value));
    return;
  }
  ctx.unsupported.push({
    service: null,
    key: `${kind}s.${name}${explicit === undefined ? "" : ".name"}`,
    reason: `${key}= needs Podman ${since} (target ${ctx.podmanVersion}): the ${kind} is named ` +
      `systemd-${unitBase(ctx, name)}, not "${value}" as compose names it`,
  });
}

/** How a container refers to a top-level volume: its unit, or its name when external. */
export function volumeRef(ctx: ConvertContext, name: string, key: string): string {
  if (!Object.hasOwn(ctx.volumes, name)) {
    throw new InvalidValue(key, `Cannot use volume "${name}": it is not declared in the top-level volumes`);
  }
  const def = ctx.volumes[name];
  if (isMapping(def) && def["external"] === true) return String(def["name"] ?? name);
  return `${unitBase(ctx, name)}.volume`;
}

/** A host path for Volume=: relative → absolute against the project, `~` → `%h`, made literal for systemd. */
export function hostPath(ctx: ConvertContext, path: string): string {
  if (path === "~" || path.startsWith("~/")) return `%h${escapeSystemd(path.slice(1))}`;
  return escapeSystemd(posix.resolve(ctx.projectDir, path));
}

/** Per-unit writer: native keys when the target Podman has them, else the equivalent PodmanArgs flag. */
export class FieldWriter {
  readonly podmanArgs: string[][] = [];
  constructor(
    readonly ctx: ConvertContext,
    readonly draft: UnitDraft,
    /** Names the unit in messages: `service "web"`, `network "back"`. */
    readonly owner: string,
  ) {}

  /** Adds `key=words` to the main section (words already literal for systemd). */
  put(key: string, ...words: string[]): void {
    const main = MAIN_SECTION[this.draft.kind];
    const since = QUADLET_KEY_SINCE[this.draft.kind][key];
    const wordKey = WORD_KEYS[main]?.has(key) ?? false;
    const rawOk = wordKey || words.every(rawSafe);
    if (since && atLeast(this.ctx.podmanVersion, since.since) && rawOk) {
      addField(this.draft, main, key, ...words);
      return;
    }
    if (!since?.flag) {
      const why = !rawOk
        ? `value ${JSON.stringify(words.join(" "))} cannot be written as a quadlet value`
        : `needs Podman ${since?.since ?? "?"} (target ${this.ctx.podmanVersion})`;
      throw new InvalidValue(key, `Cannot write ${key}=: ${why}`);
    }
    for (const word of wordKey ? words : [words.join(" ")]) this.args(since.flag, word);
    const reason = rawOk ? `${key}= needs Podman ${since.since}` : `${key}= cannot hold this value`;
    this.warnOnce(`${this.owner}: ${reason}; written as PodmanArgs=${since.flag}`);
  }

  /**
   * Adds one `PodmanArgs=` line (words already literal for systemd). Quadlet drops an empty word, so a flag
   * with an empty value is written as `--flag=`.
   */
  args(...words: string[]): void {
    const [flag, value] = words;
    this.podmanArgs.push(words.length === 2 && value === "" ? [`${flag}=`] : words);
  }

  warnOnce(message: string): void {
    if (!this.ctx.warnings.includes(message)) this.ctx.warnings.push(message);
  }

  /** Flushes collected PodmanArgs into the main section (or fails when the unit type has no PodmanArgs yet). */
  finish(): void {
    if (this.podmanArgs.length === 0) return;
    const main = MAIN_SECTION[this.draft.kind];
    const since = QUADLET_KEY_SINCE[this.draft.kind]["PodmanArgs"];
    if (since && !atLeast(this.ctx.podmanVersion, since.since)) {
      // Only .network/.volume units lack PodmanArgs= (before 4.6): their extra options are reported, not fatal.
      for (const words of this.podmanArgs) {
        this.ctx.unsupported.push({
          service: null,
          key: `${this.draft.kind}s.${
            this.draft.fileName.replace(/\.[a-z]+$/, "").slice(this.ctx.prefix.length)
          }`,
          reason: `${words.join(" ")} needs PodmanArgs=, which .${this.draft.kind} units have since Podman ` +
            `${since.since} (target ${this.ctx.podmanVersion})`,
        });
      }
      return;
    }
    for (const words of this.podmanArgs) addField(this.draft, main, "PodmanArgs", ...words);
  }
}

/** Quadlet trims spaces and double quotes at the ends of a raw value and cannot hold a newline. */
export function rawSafe(value: string): boolean {
  return value !== "" && !/[\n\r]/.test(value) && !/^[\s"]|[\s"]$/.test(value);
}
