/**
 * Names both programs check the same way: a stack's compose file, stack names, systemd unit names and quadlet
 * names. arr-mcp and arr-helper import these, so a name one accepts the other accepts too. Pure.
 */
import { SYSTEMD_UNIT_SUFFIXES } from "./helper_protocol.ts";

/**
 * The compose files of a stack folder, in the order podman-compose 1.3.0 looks for them (`COMPOSE_DEFAULT_LS`
 * in podman_compose.py, override and podman-/container-compose names left out). The first one present is the
 * stack's compose file.
 */
export const COMPOSE_FILE_NAMES = [
  "compose.yaml",
  "compose.yml",
  "docker-compose.yml",
  "docker-compose.yaml",
] as const;

export type ComposeFileName = (typeof COMPOSE_FILE_NAMES)[number];

/** The name a new stack's compose file gets. */
export const NEW_COMPOSE_FILE: ComposeFileName = "compose.yaml";

/** What a folder entry is, as far as choosing the compose file goes. */
export type EntryKind = "file" | "symlink" | "directory" | "other";

/**
 * The stack's compose file among a folder's entries: the first of COMPOSE_FILE_NAMES present, whatever its
 * kind (a symlinked compose.yaml is the stack's file and is refused, never skipped for the next name). Null
 * when none is present.
 */
export function pickComposeFile(
  kindOf: (name: ComposeFileName) => EntryKind | null,
): { name: ComposeFileName; kind: EntryKind } | null {
  for (const name of COMPOSE_FILE_NAMES) {
    const kind = kindOf(name);
    if (kind !== null) return { name, kind };
  }
  return null;
}

/** A stack: its folder under the stacks dir and its compose project name. */
export const STACK_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const STACK_NAME_MAX = 128;

/** A compose service name arr-mcp and arr-helper accept (a compose project's service key). */
export const SERVICE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const SERVICE_NAME_MAX = 128;

/** A systemd unit arr-helper may start, stop or ask about. */
export const UNIT_NAME_PATTERN = new RegExp(
  `^[A-Za-z0-9][A-Za-z0-9_.@:-]*\\.(?:${SYSTEMD_UNIT_SUFFIXES.join("|")})$`,
);
export const UNIT_NAME_MAX = 255;

/** A quadlet file's name without its type suffix (`web` for `web.container`). */
export const QUADLET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.@-]*$/;
export const QUADLET_NAME_MAX = 200;

/** A quadlet file name of one of `types`: `web.container`. */
export function quadletFilePattern(types: readonly string[]): RegExp {
  return new RegExp(`${QUADLET_NAME_PATTERN.source.slice(0, -1)}\\.(?:${types.join("|")})$`);
}
