/** The read-only `info` op: versions found on this host, so arr-mcp can switch features per host. */
import type { HelperInfo } from "../shared/helper_protocol.ts";
import { generatorVersion } from "./quadlet_check.ts";
import type { Runner } from "./run_command.ts";
import { HELPER_VERSION } from "./version.ts";

/**
 * Reads `podman-compose version` output: `podman-compose version 1.3.0` (1.0.3 prints `podman-composer version  1.0.3`)
 * and `podman version 4.3.1`.
 */
export function parseComposeVersions(text: string): { podman: string | null; podmanCompose: string | null } {
  const compose = /^podman-composer? version:?\s+v?(\S+)/m.exec(text)?.[1] ?? null;
  const podman = /^podman version:? v?(\S+)/m.exec(text)?.[1] ?? null;
  return { podman, podmanCompose: compose };
}

export async function collectInfo(
  runner: Runner,
  paths: { stacksDir: string; quadletDir: string; generator: string | null },
): Promise<HelperInfo> {
  const compose = await runner("podman-compose", ["version"]).catch(() => null);
  const versions = compose === null
    ? { podman: null, podmanCompose: null }
    : parseComposeVersions(`${compose.stdout}\n${compose.stderr}`);
  // Without podman-compose, Podman's own `podman --version` (`podman version 4.3.1`) still tells its version.
  if (versions.podman === null) {
    const podman = await runner("podman", ["--version"]).catch(() => null);
    if (podman !== null) versions.podman = parseComposeVersions(podman.stdout).podman;
  }
  const quadlet = paths.generator === null
    ? null
    : await generatorVersion(runner, paths.generator).catch(() => null);
  return {
    helper_version: HELPER_VERSION,
    podman: versions.podman,
    podman_compose: versions.podmanCompose,
    quadlet,
    stacks_dir: paths.stacksDir,
    quadlet_dir: paths.quadletDir,
  };
}
