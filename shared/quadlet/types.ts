/** Inputs and outputs of the compose → quadlet converter (pure data; the CLI and MCP tools do the I/O). */
import type { UnitKind } from "./versions.ts";

export interface ConvertInput {
  /** The compose file's text. */
  compose: string;
  /** How messages name the compose file (its path). @default "compose.yaml" */
  composeFile?: string;
  /** Absolute directory of the compose file: relative bind mounts and env_file paths resolve against it. */
  projectDir: string;
  /** Text of the `.env` file beside the compose file, when there is one. */
  dotenv?: string;
  /** The process environment; it wins over `.env` (compose specification precedence). */
  env?: Readonly<Record<string, string>>;
  /** Contents of `env_file` files by absolute path; a path missing here counts as unreadable. */
  envFiles?: Readonly<Record<string, string>>;
  /**
   * Contents of the other compose files this one uses (`include`, `extends.file`) by absolute path;
   * `composeFilePaths()` lists them. A file missing here is an error that names it.
   */
  files?: Readonly<Record<string, string>>;
}

/** Time a container unit gets to start, first image pull included (systemd's default is 90 s). */
export const DEFAULT_START_TIMEOUT_SEC = 900;

export interface ConvertOptions {
  /** The Podman release the units must work with. @default "4.9" */
  podmanVersion?: string;
  /** Prefix for unit names (`NAME-service.container`). @default the compose top-level `name`, else none */
  stack?: string;
  /**
   * The compose project name (`-p`), which names volumes and networks `<project>_<name>`.
   * @default the top-level `name`, else `COMPOSE_PROJECT_NAME`, else the compose file's folder
   */
  projectName?: string;
  /**
   * Active compose profiles (as `--profile`): services whose `profiles` are all inactive are not converted.
   * @default `COMPOSE_PROFILES` (comma-separated, shell environment then `.env`), else none
   */
  profiles?: readonly string[];
  /**
   * `[Service] TimeoutStartSec=` for every container unit that may pull its image on start (systemd's 90 s
   * default is too short for a big first pull); 0 leaves systemd's default. One-shot units keep theirs (none).
   * @default 900
   */
  startTimeoutSec?: number;
}

/** A unit file as text: what the converter writes, the reverse converter reads and the generator checks. */
export interface UnitText {
  /** File name, e.g. `media-sonarr.container`. */
  fileName: string;
  text: string;
}

export interface QuadletUnit extends UnitText {
  kind: UnitKind;
  /** The compose service, network or volume it came from (`default` for the implicit network). */
  source: string;
}

/** A compose key that was not converted. `service` is null for top-level keys. */
export interface UnsupportedKey {
  service: string | null;
  key: string;
  reason: string;
}

/** A service that was deliberately not converted. */
export interface SkippedService {
  service: string;
  reason: string;
}

export interface ConvertReport {
  units: string[];
  unsupported: UnsupportedKey[];
  warnings: string[];
  /** Services left out because none of their profiles is active. */
  skipped: SkippedService[];
}

export interface Conversion {
  units: QuadletUnit[];
  report: ConvertReport;
  /** The unit name prefix used (without the dash), when any. */
  stack?: string;
  /** The compose project name that named the volumes and networks. */
  project?: string;
}

/** Why the input could not be converted at all (CLI exit code 2). */
export interface ConvertError {
  file: string;
  service?: string;
  key?: string;
  /** The variable a `${VAR:?…}` required, when that was the cause. */
  variable?: string;
  message: string;
}

/** "compose.yaml: service "web": key "ports": message" */
export function formatConvertError(e: ConvertError): string {
  const where = [e.file];
  if (e.service !== undefined) where.push(`service "${e.service}"`);
  if (e.key !== undefined) where.push(`key "${e.key}"`);
  return `${where.join(": ")}: ${e.message}`;
}
